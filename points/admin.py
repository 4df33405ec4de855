from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.template.response import TemplateResponse

from .models import Category, Caution, Indication, Meridian, Point, PointCategory


@admin.register(Meridian)
class MeridianAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "chinese", "aspect", "order", "point_count"]
    list_filter = ["aspect"]
    search_fields = ["code", "name", "chinese", "pinyin"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(point_count=Count("points"))

    @admin.display(description="points", ordering="point_count")
    def point_count(self, obj):
        return obj.point_count


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "point_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(point_count=Count("points"))

    @admin.display(description="points", ordering="point_count")
    def point_count(self, obj):
        return obj.point_count


class MergeIndicationsForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Indication.objects.none(),
        widget=forms.RadioSelect,
        label="Keep this one",
        help_text="The others become its synonyms, and their points are linked to it.",
    )

    def __init__(self, *args, indications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = indications


@admin.register(Indication)
class IndicationAdmin(admin.ModelAdmin):
    list_display = ["name", "synonym_summary", "point_count"]
    search_fields = ["name", "synonyms"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(point_count=Count("points"))

    @admin.display(description="points", ordering="point_count")
    def point_count(self, obj):
        return obj.point_count

    @admin.display(description="synonyms")
    def synonym_summary(self, obj):
        return ", ".join(obj.synonym_list)

    @admin.action(description="Merge selected indications into one", permissions=["change"])
    def merge(self, request, queryset):
        if queryset.count() < 2:
            self.message_user(
                request, "Select at least two indications to merge.", messages.WARNING
            )
            return None
        form = MergeIndicationsForm(
            request.POST if "apply" in request.POST else None, indications=queryset
        )
        if form.is_valid():
            target = form.cleaned_data["target"]
            merged = [ind for ind in queryset if ind.pk != target.pk]
            for indication in merged:
                indication.merge_into(target)
            names = ", ".join(f"“{ind.name}”" for ind in merged)
            self.message_user(request, f"Merged {names} into “{target.name}”.", messages.SUCCESS)
            return None
        return TemplateResponse(
            request,
            "admin/points/indication/merge.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge indications",
                "opts": self.model._meta,
                "form": form,
                "indications": queryset.annotate(n=Count("points")),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


class PointCategoryInline(admin.TabularInline):
    model = PointCategory
    extra = 0


class CautionInline(admin.StackedInline):
    model = Caution
    extra = 0


@admin.register(Point)
class PointAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "pinyin",
        "pinyin_tones",
        "chinese",
        "english",
        "meridian",
        "region",
        "body_part",
        "seed_order",
    ]
    list_display_links = ["code", "pinyin"]
    list_filter = ["meridian", "region", "body_part", "categories"]
    list_select_related = ["meridian"]
    search_fields = ["code", "pinyin", "chinese", "chinese_traditional", "english"]
    search_help_text = (
        "Code in any spelling (ST36, st 36, UB40), pinyin with or without tones, "
        "Chinese, English name, or an indication or one of its synonyms."
    )
    autocomplete_fields = ["indications"]
    readonly_fields = ["slug", "corrections"]
    inlines = [PointCategoryInline, CautionInline]
    fieldsets = [
        (None, {"fields": ["meridian", "number", "code", "slug"]}),
        (
            "Name",
            {"fields": ["pinyin", "pinyin_tones", "chinese", "chinese_traditional", "english"]},
        ),
        ("Place", {"fields": ["region", "seed_order", "body_part", "location"]}),
        ("Use", {"fields": ["indications", "functions"]}),
        ("Corrections to the seed article", {"fields": ["corrections"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return super().get_search_results(request, queryset, search_term)
        return queryset.filter(pk__in=Point.objects.matching(search_term).values("pk")), False
