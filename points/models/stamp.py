from django.db import models


class ContentStamp(models.Model):
    """When the public content last changed: one row, moved on by every edit.

    Cached pages are keyed by it, and it is their Last-Modified date, so an edit
    in the admin is seen at once by every app server, whatever cache each uses.
    """

    changed_at = models.DateTimeField()

    def __str__(self):
        return f"Content changed at {self.changed_at:%Y-%m-%d %H:%M:%S}"
