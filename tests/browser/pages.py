"""The page types of the public site, one address each, shared by the browser tests."""

PAGE_TYPES = {
    "home": "/",
    "region": "/regions/side/",
    "point": "/points/st36/",
    "point with cautions": "/points/sp6/",
    "meridians": "/meridians/",
    "meridian": "/meridians/stomach/",
    "symptoms": "/symptoms/",
    "symptom": "/symptoms/low-back-pain/",
    "list": "/points/",
    "list filtered": "/points/?symptom=headache&symptom=low-back-pain&region=back",
    "list empty": "/points/?region=front&meridian=bladder",
    "search help": "/search/",
    "search": "/search/?q=knee",
    "search empty": "/search/?q=%E8%85%B3%E6%B0%94%20nothing",
    "about": "/about/",
    "cun": "/cun/",
    "guide": "/guide/",
    "routines": "/routines/",
    "routine": "/routines/low-back-pain/",
    "not found": "/points/st46/",
}
