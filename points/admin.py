from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count, F
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from .admin_suggestions import SuggestionsAtHandMixin
from .codes import parse_code
from .models import (
    Category,
    Caution,
    Citation,
    Indication,
    IndicationMerge,
    Meridian,
    OtherLocation,
    Point,
    PointCategory,
    RedFlag,
    Source,
    channel_order,
)
from .text import squash_spaces


class PointCountMixin:
    """A "points" column: how many points each row has, counted in the list's own query."""

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(point_count=Count("points"))

    @admin.display(description="points", ordering="point_count")
    def point_count(self, obj):
        return obj.point_count


@admin.register(Meridian)
class MeridianAdmin(PointCountMixin, SimpleHistoryAdmin):
    list_display = ["code", "name", "chinese", "pinyin", "aspect", "order", "point_count"]
    list_filter = ["aspect"]
    ordering = ["order"]  # Meta.ordering does not apply once point_count adds a GROUP BY.
    search_fields = ["code", "name", "chinese", "pinyin"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Category)
class CategoryAdmin(PointCountMixin, SimpleHistoryAdmin):
    list_display = ["name", "order", "point_count"]
    ordering = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class MergeIndicationsForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Indication.objects.none(),
        widget=forms.RadioSelect,
        label="Keep this one",
        help_text="The others become its synonyms, and their points are linked to it.",
        error_messages={"required": "Choose the indication to keep."},
    )

    def __init__(self, *args, indications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = indications


@admin.register(Indication)
class IndicationAdmin(SimpleHistoryAdmin):
    # point_count: the indication's own field, which the model layer keeps right.
    list_display = ["name", "group", "synonym_summary", "point_count"]
    list_filter = ["group"]
    search_fields = ["name", "synonyms"]
    search_help_text = "A word or words of the name or of a synonym."
    ordering = ["name"]  # also for the autocomplete, which pages the results
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge"]

    @admin.display(description="synonyms")
    def synonym_summary(self, obj):
        return ", ".join(obj.synonym_list)

    def get_deleted_objects(self, objs, request):
        """Refuse to delete an indication that points still list: merge it instead."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        in_use = Point.objects.filter(indications__in=objs).distinct()
        protected = [*protected, *(f"{point} lists it" for point in in_use)]
        return deleted, counts, perms_needed, protected

    def has_merge_permission(self, request):
        # Merging deletes the indications merged away, so it needs both permissions.
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description="Merge selected indications into one", permissions=["merge"])
    def merge(self, request, queryset):
        """Ask which of the selected indications to keep, then fold the others into it."""
        if len(queryset) < 2:
            self.message_user(
                request, "Select at least two indications to merge.", messages.WARNING
            )
            return None
        form = MergeIndicationsForm(
            request.POST if "apply" in request.POST else None, indications=queryset
        )
        if form.is_valid():
            target = form.cleaned_data["target"]
            merged = [indication for indication in queryset if indication.pk != target.pk]
            with transaction.atomic():
                for indication in merged:
                    indication.merge_into(target, user=request.user)
            names = ", ".join(f"“{indication.name}”" for indication in merged)
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
                "indications": queryset,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


class PointCategoryInline(admin.TabularInline):
    model = PointCategory
    extra = 0


class CautionInline(admin.StackedInline):
    model = Caution
    extra = 0


class OtherLocationInline(admin.StackedInline):
    model = OtherLocation
    extra = 0
    verbose_name = "location in another source"
    verbose_name_plural = "locations in other sources"


class CitationInline(admin.TabularInline):
    """The point's citations: which fact, which source, where in it. A citation of one
    category, indication, caution or other location names it; the choices offered are
    the point's own."""

    model = Citation
    extra = 0
    fields = ["fact", "category", "indication", "caution", "other_location", "source", "locator"]
    autocomplete_fields = ["indication"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        point_id = (
            request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
        )
        own = {
            "category": Category.objects.filter(point_links__point_id=point_id),
            "caution": Caution.objects.filter(point_id=point_id),
            "other_location": OtherLocation.objects.filter(point_id=point_id),
        }
        if db_field.name in own:
            kwargs["queryset"] = own[db_field.name] if point_id else own[db_field.name].none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PointAdminForm(forms.ModelForm):
    """The point form; PointAdmin supplies the model and the fields."""

    def clean_code(self):
        """Accept a code in any spelling (st36, UB 40) and store the WHO form (BL 40)."""
        code = squash_spaces(self.cleaned_data["code"])
        if not code:
            return code
        parsed = parse_code(code)
        if parsed is None:
            raise forms.ValidationError(
                f"“{code}” is not a point code. Write it like ST 36, or leave it blank."
            )
        return str(parsed)


@admin.register(Point)
class PointAdmin(SuggestionsAtHandMixin, SimpleHistoryAdmin):
    form = PointAdminForm
    list_display = [
        "code_display",
        "pinyin_tones",
        "chinese",
        "english",
        "meridian",
        "region",
        "body_part",
        "indication_count",
        "corrected",
    ]
    list_filter = ["meridian", "region", "categories", "body_part"]
    list_select_related = ["meridian"]
    ordering = channel_order()
    # The search itself is Point.objects.matching (see get_search_results); search_fields
    # only has to be non-empty for the admin to show the search box.
    search_fields = ["code"]
    search_help_text = (
        "Code in any spelling (ST36, st 36, UB40, ex-le 7) or another source's code "
        "(M-LE-23), pinyin with or without tones, Chinese, English name, or an indication "
        "or one of its synonyms."
    )
    autocomplete_fields = ["indications"]
    readonly_fields = ["slug", "corrections"]
    inlines = [PointCategoryInline, CautionInline, OtherLocationInline, CitationInline]
    fieldsets = [
        (None, {"fields": ["meridian", "number", "code", "slug", "other_codes"]}),
        (
            "Name",
            {
                "fields": [
                    "pinyin",
                    "pinyin_tones",
                    "chinese",
                    "chinese_traditional",
                    "english",
                    "english_variants",
                ]
            },
        ),
        ("Place", {"fields": ["region", "seed_order", "body_part", "location", "map_positions"]}),
        ("Use", {"fields": ["indications", "functions"]}),
        ("Corrections to the source article", {"fields": ["corrections"]}),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.annotate(indication_count=Count("indications", distinct=True))

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            # A new point has no slug yet and nothing corrected to show.
            return [
                (name, {"fields": [f for f in options["fields"] if f not in self.readonly_fields]})
                for name, options in self.fieldsets
                if name != "Corrections to the source article"
            ]
        return self.fieldsets

    # Channel by channel, the extra points last, and by number within each.
    @admin.display(
        description="code", ordering=Coalesce("meridian__order", 99) * 1000 + F("number")
    )
    def code_display(self, obj):
        return obj.code

    @admin.display(description="indications", ordering="indication_count")
    def indication_count(self, obj):
        return obj.indication_count

    @admin.display(description="corrected", boolean=True, ordering="corrections")
    def corrected(self, obj):
        return bool(obj.corrections)

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return super().get_search_results(request, queryset, search_term)
        return queryset.filter(pk__in=Point.objects.matching(search_term).values("pk")), False


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["key", "title", "year", "order", "citation_count"]
    search_fields = ["key", "title", "authors"]
    ordering = ["order"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(citation_count=Count("citations"))

    @admin.display(description="citations", ordering="citation_count")
    def citation_count(self, obj):
        return obj.citation_count


@admin.register(RedFlag)
class RedFlagAdmin(SimpleHistoryAdmin):
    list_display = ["title", "order", "source"]
    search_fields = ["title", "notice", "indications__name"]
    autocomplete_fields = ["indications"]
    fields = ["title", "notice", "indications", "source", "locator", "order"]


@admin.register(Citation)
class CitationAdmin(SimpleHistoryAdmin):
    """Every citation, to find what a source is cited for; edit them with their point."""

    list_display = ["point", "fact", "item", "source", "locator"]
    list_filter = ["fact", "source"]
    list_select_related = ["point", "source", "indication", "category", "caution", "other_location"]
    search_fields = ["point__code", "indication__name", "locator"]
    autocomplete_fields = ["point", "indication"]

    @admin.display(description="about")
    def item(self, obj):
        return obj.indication or obj.category or obj.caution or obj.other_location or ""


@admin.register(IndicationMerge)
class IndicationMergeAdmin(admin.ModelAdmin):
    """The record of every merge, and the way back."""

    list_display = ["merged_name", "target", "merged_by", "merged_at", "undone_at"]
    list_select_related = ["target", "merged_by"]
    readonly_fields = [field.name for field in IndicationMerge._meta.fields]
    actions = ["undo"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_undo_permission(self, request):
        return request.user.has_perm("points.change_indication") and request.user.has_perm(
            "points.add_indication"
        )

    @admin.action(description="Undo the selected merges", permissions=["undo"])
    def undo(self, request, queryset):
        # The latest first, so that a chain of merges unwinds in order.
        for merge in queryset.order_by("-merged_at"):
            try:
                merge.undo()
            except ValueError as error:
                self.message_user(request, f"{merge}: {error}", messages.WARNING)
            else:
                self.message_user(request, f"Restored “{merge.merged_name}”.", messages.SUCCESS)


from . import guide_admin  # noqa: E402, F401  (How to press: its own module)
from .dataset import admin as dataset_admin  # noqa: E402, F401  (registers DatasetVersion)
