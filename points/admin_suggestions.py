"""The queue of readers' corrections in the admin: review one beside the entry's value,
accept it (then edit the point, so the change goes through its history like any other)
or decline it with a reason. Closing a suggestion erases the reader's email."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.defaultfilters import truncatechars
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from simple_history.admin import SimpleHistoryAdmin

from .models import Suggestion

REASON_MAX = 2000


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Why it is declined",
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the suggestion is declined."},
    )


@admin.register(Suggestion)
class SuggestionAdmin(SimpleHistoryAdmin):
    list_display = ["point", "field", "current_summary", "proposed_summary", "created", "status"]
    list_display_links = ["point", "field"]
    list_filter = ["status", "field"]
    list_select_related = ["point"]
    search_fields = ["point__code", "proposed", "source"]
    date_hierarchy = "created"

    @admin.display(description="value when suggested")
    def current_summary(self, obj):
        return truncatechars(obj.current_value, 160)

    @admin.display(description="proposed")
    def proposed_summary(self, obj):
        return truncatechars(obj.proposed, 160)

    def has_add_permission(self, request):
        return False  # suggestions come from readers only

    def can_decide(self, request):
        return request.user.has_perm("points.change_suggestion")

    def can_accept(self, request):
        return self.can_decide(request) and request.user.has_perm("points.change_point")

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/accept/", view(self.accept_view), name="points_suggestion_accept"
            ),
            path(
                "<path:object_id>/decline/",
                view(self.decline_view),
                name="points_suggestion_decline",
            ),
            *super().get_urls(),
        ]

    def suggestion_or_404(self, request, object_id):
        suggestion = self.get_object(request, unquote(object_id))
        if suggestion is None:
            raise Http404("No such suggestion.")
        return suggestion

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The review page, in place of a change form: what the reader sent is not edited."""
        if request.method not in {"GET", "HEAD"}:
            return HttpResponseNotAllowed(["GET", "HEAD"])
        suggestion = self.suggestion_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, suggestion):
            raise PermissionDenied
        return self.review(request, suggestion, DeclineForm())

    def review(self, request, suggestion, decline_form, status=200):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Suggestion about {suggestion.point.code}: "
            f"{suggestion.get_field_display().lower()}",
            "suggestion": suggestion,
            "original": suggestion,
            "decline_form": decline_form,
            "can_accept": suggestion.is_open and self.can_accept(request),
            "can_decline": suggestion.is_open and self.can_decide(request),
        }
        return TemplateResponse(
            request, "admin/points/suggestion/review.html", context, status=status
        )

    def decide(self, request, object_id, allowed):
        if request.method != "POST":
            return None, HttpResponseNotAllowed(["POST"])
        if not allowed(request):
            raise PermissionDenied
        suggestion = self.suggestion_or_404(request, object_id)
        if not suggestion.is_open:
            self.message_user(request, "This suggestion was already closed.", messages.WARNING)
            return None, redirect(suggestion.get_absolute_url())
        return suggestion, None

    def accept_view(self, request, object_id):
        suggestion, response = self.decide(request, object_id, self.can_accept)
        if response:
            return response
        try:
            suggestion.close(Suggestion.Status.ACCEPTED, request.user)
        except ValueError as error:
            self.message_user(request, str(error), messages.WARNING)
            return redirect(suggestion.get_absolute_url())
        self.log_change(request, suggestion, "Accepted")
        self.message_user(
            request,
            f"Accepted. Make the correction to {suggestion.point.code} in this form and save "
            "it: the edit is kept in the point's history like any other.",
            messages.SUCCESS,
        )
        change = reverse("admin:points_point_change", args=[suggestion.point_id])
        return redirect(f"{change}?{urlencode({'suggestion': suggestion.pk})}")

    def decline_view(self, request, object_id):
        suggestion, response = self.decide(request, object_id, self.can_decide)
        if response:
            return response
        form = DeclineForm(request.POST)
        if not form.is_valid():
            return self.review(request, suggestion, form, status=400)
        try:
            suggestion.close(Suggestion.Status.DECLINED, request.user, form.cleaned_data["reason"])
        except ValueError as error:
            self.message_user(request, str(error), messages.WARNING)
            return redirect(suggestion.get_absolute_url())
        self.log_change(request, suggestion, "Declined")
        self.message_user(request, "Declined; the reader's email is erased.", messages.SUCCESS)
        return redirect("admin:points_suggestion_changelist")


class SuggestionsAtHandMixin:
    """A point's change form shows its open suggestions in a box above the form, and the
    one just accepted (``?suggestion=<id>``), whose correction is being made."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        point_id = unquote(object_id)
        may_see = request.user.has_perm("points.view_suggestion") or request.user.has_perm(
            "points.change_suggestion"
        )
        if may_see and point_id.isdigit():
            accepted = request.GET.get("suggestion", "")
            accepted = int(accepted) if accepted.isdigit() and len(accepted) < 12 else None
            extra_context["suggestions_at_hand"] = Suggestion.objects.at_hand(point_id, accepted)
        return super().change_view(request, object_id, form_url, extra_context)
