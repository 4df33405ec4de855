"""The admin of How to press: the guide's rules, each point's pressing entry, the routines."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import GuideRule, Pressing, Routine, RoutineStep


@admin.register(GuideRule)
class GuideRuleAdmin(SimpleHistoryAdmin):
    list_display = ["order", "title", "section", "default"]
    list_display_links = ["title"]
    list_filter = ["section"]
    search_fields = ["title", "text"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Pressing)
class PressingAdmin(SimpleHistoryAdmin):
    list_display = ["point", "posture"]
    list_select_related = ["point"]
    search_fields = ["point__code", "point__pinyin", "posture", "steps"]
    raw_id_fields = ["point"]


class RoutineStepInline(admin.TabularInline):
    model = RoutineStep
    extra = 1
    raw_id_fields = ["point"]
    ordering = ["order"]


@admin.register(Routine)
class RoutineAdmin(SimpleHistoryAdmin):
    list_display = ["order", "title", "indication"]
    list_display_links = ["title"]
    list_select_related = ["indication"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["indication"]
    inlines = [RoutineStepInline]
