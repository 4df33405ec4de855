"""``Indication.point_count`` kept right by the model layer.

Every change to which points list which indications recounts the indications it touched,
in one UPDATE: links added, removed or cleared from either side, and a point deleted (its
links go with it, without an m2m signal). Writes in bulk, which send no signals, recount
themselves: ``generate_synthetic`` and the site's ``loaddata`` call ``recount()`` when done.
"""

from django.db.models.signals import m2m_changed, post_delete, pre_delete

from .indications import Indication
from .points import Point


def links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse:  # indication.points.add(...): that one indication
        if action in {"post_add", "post_remove", "post_clear"}:
            Indication.objects.filter(pk=instance.pk).recount()
    elif action == "pre_clear":
        instance._cleared_indications = list(instance.indications.values_list("pk", flat=True))
    elif action == "post_clear":
        Indication.objects.filter(pk__in=instance.__dict__.pop("_cleared_indications")).recount()
    elif action in {"post_add", "post_remove"} and pk_set:
        Indication.objects.filter(pk__in=pk_set).recount()


def point_deleting(sender, instance, **kwargs):
    instance._deleted_indications = list(instance.indications.values_list("pk", flat=True))


def point_deleted(sender, instance, **kwargs):
    ids = instance.__dict__.pop("_deleted_indications", [])
    if ids:
        Indication.objects.filter(pk__in=ids).recount()


def connect_signals():
    m2m_changed.connect(links_changed, sender=Point.indications.through, dispatch_uid="counts")
    pre_delete.connect(point_deleting, sender=Point, dispatch_uid="counts-deleting")
    post_delete.connect(point_deleted, sender=Point, dispatch_uid="counts-deleted")
