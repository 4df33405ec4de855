"""Publishing a version from the admin: the add form of a dataset version takes a note and
freezes the data; versions are never changed or deleted afterwards."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html

from ..models import DatasetVersion
from .publish import next_number, publish


class PublishForm(forms.ModelForm):
    major = forms.BooleanField(
        required=False,
        label="A major version",
        help_text="Tick when the tables' columns or meaning changed: 2.0 rather than 1.3.",
    )

    class Meta:
        model = DatasetVersion
        fields = ["note"]
        help_texts = {"note": "What this version is, in a sentence or two; shown on the data page."}


@admin.register(DatasetVersion)
class DatasetVersionAdmin(admin.ModelAdmin):
    list_display = ["number", "published_at", "published_by", "note"]
    list_select_related = ["published_by"]
    readonly_fields = ["number", "published_at", "published_by", "note", "changelog"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = PublishForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        return ["note", "major"] if obj is None else self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def has_add_permission(self, request):
        return request.user.has_perm("points.publish_datasetversion")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        latest = DatasetVersion.objects.latest_published()
        extra_context = {
            **(extra_context or {}),
            "title": f"Publish version {next_number(latest)} of the dataset",
        }
        return super().add_view(request, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        publish(
            form.cleaned_data["note"],
            user=request.user,
            major=form.cleaned_data["major"],
            version=obj,
        )

    @admin.display(description="Changes")
    def changelog(self, obj):
        changed = obj.changes.get("changed", [])
        return format_html(
            "{} point(s) changed: {}", len(changed), ", ".join(c["code"] for c in changed)
        )
