from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ..links import address


def split_citation(text):
    """A citation as the data writes it, ``"key, locator"``, as (key, locator): the key of a
    source and the page, section or entry cited in it (``"who2008, p. 197"``)."""
    key, _, locator = (part.strip() for part in (text or "").partition(","))
    return key, locator


class Source(models.Model):
    """A bibliographic entry: a standard, a textbook, the article the site began with."""

    key = models.SlugField(
        max_length=30, unique=True, help_text="A short name the data files cite it by: who2008."
    )
    authors = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=300)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    publisher = models.CharField(
        max_length=200,
        blank=True,
        help_text="Place and publisher, e.g. Beijing: Foreign Languages Press.",
    )
    edition = models.CharField(max_length=100, blank=True)
    identifier = models.CharField(max_length=100, blank=True, help_text="ISBN or standard number.")
    url = models.URLField(blank=True)
    use = models.TextField(help_text="What the site takes from this source.")
    order = models.PositiveSmallIntegerField(unique=True, help_text="Order on the about page.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return f"{self.authors}. {self.title}" if self.authors else self.title

    def get_absolute_url(self):
        return address("points:about") + f"#source-{self.key}"

    @property
    def reference(self):
        """The entry as a reference list prints it: Authors. Title. Edition. Publisher; Year."""
        parts = [self.authors, self.title, self.edition]
        published = "; ".join(str(part) for part in [self.publisher, self.year] if part)
        return ". ".join(part.rstrip(".") for part in [*parts, published] if part) + "."


class OtherLocation(models.Model):
    """Where a source other than the WHO standard puts a point, and how the two differ."""

    point = models.ForeignKey("Point", on_delete=models.CASCADE, related_name="other_locations")
    text = models.TextField(help_text="The location as this source gives it.")
    difference = models.TextField(
        blank=True, help_text="How it differs from the WHO location, or that it agrees."
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["point", "order", "pk"]

    def __str__(self):
        return self.text


class Caution(models.Model):
    """A warning the literature gives for a point; its sources are its citations."""

    point = models.ForeignKey("Point", on_delete=models.CASCADE, related_name="cautions")
    text = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["point", "pk"]

    def __str__(self):
        return self.text


# The facts that are one item among several, and the field that names the item.
NAMED_ITEMS = {
    "category": "category",
    "indication": "indication",
    "caution": "caution",
    "other-location": "other_location",
}


def citation_constraints():
    """A citation of a category, indication, caution or other location names that item and
    no other; a citation of the names, the location or the functions names none."""
    fields = list(NAMED_ITEMS.values())
    whole = ~Q(fact__in=list(NAMED_ITEMS)) & Q(**{f"{field}__isnull": True for field in fields})
    one_item = [
        Q(fact=fact)
        & Q(**{f"{field}__isnull": False})
        & Q(**{f"{other}__isnull": True for other in fields if other != field})
        for fact, field in NAMED_ITEMS.items()
    ]
    condition = whole
    for item in one_item:
        condition |= item
    return [
        models.CheckConstraint(
            condition=condition,
            name="citation_names_what_it_cites",
            violation_error_message="A citation of a category, indication, caution or other "
            "location names that one item; a citation of the names, location or functions "
            "names none.",
        ),
        *(
            models.UniqueConstraint(
                fields=["point", field, "source"],
                condition=Q(fact=fact),
                name=f"citation_unique_{field}",
            )
            for fact, field in NAMED_ITEMS.items()
        ),
        models.UniqueConstraint(
            fields=["point", "fact", "source"],
            condition=~Q(fact__in=list(NAMED_ITEMS)),
            name="citation_unique_fact",
        ),
    ]


class Citation(models.Model):
    """One fact of a point tied to one source, with a page or section where there is one.

    ``fact`` says which: the names, the WHO location or the functions as a whole; or one
    category, indication, caution or other location, named by its own field.
    """

    class Fact(models.TextChoices):
        NAMES = "names", "Names"
        LOCATION = "location", "Location"
        FUNCTIONS = "functions", "Functions"
        CATEGORY = "category", "Category"
        INDICATION = "indication", "Indication"
        CAUTION = "caution", "Caution"
        OTHER_LOCATION = "other-location", "Other location"

    point = models.ForeignKey("Point", on_delete=models.CASCADE, related_name="citations")
    fact = models.CharField(max_length=14, choices=Fact)
    category = models.ForeignKey(
        "Category", null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    indication = models.ForeignKey(
        "Indication", null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    caution = models.ForeignKey(
        Caution, null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    other_location = models.ForeignKey(
        OtherLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    locator = models.CharField(
        max_length=60, blank=True, help_text="Page, section or the source's entry: p. 62, ST-36."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["point", "fact", "pk"]
        constraints = citation_constraints()

    def __str__(self):
        where = f", {self.locator}" if self.locator else ""
        return f"{self.point.code} {self.get_fact_display().lower()}: {self.source.key}{where}"
