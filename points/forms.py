"""The reader's correction form."""

from django import forms

from .models import Suggestion
from .models.suggestions import PROPOSED_MAX, SOURCE_MAX

# A field people never see (hidden by the stylesheet) and bots fill in.
HONEYPOT = "homepage"


def too_long(limit):
    return f"Keep this to {limit:,} characters or fewer (it has %(show_value)s)."


class SuggestionForm(forms.ModelForm):
    class Meta:
        model = Suggestion
        fields = ["field", "proposed", "source", "email"]
        labels = {
            "field": "Which part of the entry",
            "proposed": "What it should say",
            "source": "Your source",
            "email": "Your email (optional)",
        }
        help_texts = {
            "proposed": f"The correction in your own words, up to {PROPOSED_MAX:,} characters.",
            "source": "A book with its page, or a web address, where the editors can check "
            f"it; up to {SOURCE_MAX:,} characters. Optional, but a correction with a source "
            "is much quicker to check.",
            "email": "Only if you would like a reply. It is never published, and it is erased "
            "once your suggestion is accepted or declined.",
        }
        error_messages = {
            "field": {"required": "Choose the part of the entry your correction is about."},
            "proposed": {
                "required": "Write what the entry should say.",
                "max_length": too_long(PROPOSED_MAX),
            },
            "source": {"max_length": too_long(SOURCE_MAX)},
            "email": {
                "invalid": "This does not look like an email address; check it, or leave it empty.",
                "max_length": too_long(254),
            },
        }
        widgets = {
            "proposed": forms.Textarea(attrs={"rows": 6}),
            "source": forms.Textarea(attrs={"rows": 2}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", "Choose one"), *Suggestion.Field.choices]
        # The limits are in the markup too, so a browser stops the reader before the server.
        self.fields["email"].max_length = 254
        self.fields["email"].widget.attrs["maxlength"] = 254

    def save_for(self, point, current_value):
        suggestion = self.save(commit=False)
        suggestion.point, suggestion.current_value = point, current_value
        suggestion.save()
        return suggestion
