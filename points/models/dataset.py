import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse


class DatasetVersionQuerySet(models.QuerySet):
    def latest_published(self):
        """The newest version, or ``None`` before the first is published."""
        return self.order_by("-published_at", "-pk").first()


class DatasetVersion(models.Model):
    """A published version of the dataset: its files (the CSV tables and the Data Package
    descriptor with their sizes and hashes) frozen as they were, with a note and the changes
    since the version before, worked out from the edit history when published."""

    number = models.CharField(max_length=20, unique=True, help_text="e.g. 1.0, 1.1, 2.0")
    note = models.TextField(help_text="What this version is, in a sentence or two.")
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    changes = models.JSONField(
        default=dict,
        help_text="What changed since the version before, from the edit history.",
    )

    objects = DatasetVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_datasetversion", "Can publish a version of the dataset")]

    def __str__(self):
        return f"Version {self.number}"

    def get_absolute_url(self):
        return reverse("points:data") + f"#version-{self.number}"

    @property
    def year(self):
        return self.published_at.year


class DatasetFile(models.Model):
    """One frozen file of a version, byte for byte as first served."""

    version = models.ForeignKey(DatasetVersion, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=60, help_text="e.g. points.csv")
    content = models.BinaryField()
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["version", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "name"], name="dataset_file_unique"),
        ]

    def __str__(self):
        return f"{self.version.number}/{self.name}"

    def get_absolute_url(self):
        return reverse("points:data_file", args=[self.version.number, self.name])

    @classmethod
    def frozen(cls, version, name, content):
        return cls(
            version=version,
            name=name,
            content=content,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
        )
