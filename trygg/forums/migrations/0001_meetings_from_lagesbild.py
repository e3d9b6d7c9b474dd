"""The meeting models move from trygg.lagesbild to this app with their tables, so every row
keeps its primary key (and /lagesbild/moten/<pk>/ can redirect to the same meeting). This
migration only takes them over in Django's state; lagesbild 0006 lets go of them, and
0002–0004 rename the tables and give each meeting its forum."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = [
    migrations.CreateModel(
        name="ActionItem",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("title", models.CharField(max_length=300, verbose_name="åtgärd")),
            ("owner_name", models.CharField(blank=True, max_length=200, verbose_name="ansvarig person")),
            ("due", models.DateField(verbose_name="klart senast")),
            ("status", models.CharField(choices=[("oppen", "Öppen"), ("klar", "Klar")], default="oppen", max_length=6)),
            ("done_at", models.DateTimeField(blank=True, null=True)),
            ("done_note", models.TextField(blank=True, verbose_name="hur det blev")),
            ("created_at", models.DateTimeField(auto_now_add=True)),
            ("municipality", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="core.municipality")),
            ("owner_organisation", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="core.organisation", verbose_name="ansvarig")),
        ],
        options={"ordering": ["due", "pk"], "db_table": "lagesbild_actionitem"},
    ),
    migrations.CreateModel(
        name="Meeting",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("forum", models.CharField(choices=[("lagesbild", "Lägesbildsmöte"), ("bra", "BRÅ (brottsförebyggande rådet)"), ("est", "EST-gruppen"), ("klg", "Kommunledningsgruppen (KLG)"), ("stora", "Stora samverkansgruppen")], default="lagesbild", max_length=10, verbose_name="forum")),
            ("held_at", models.DateTimeField(verbose_name="mötestid")),
            ("period_start", models.DateField(verbose_name="perioden från")),
            ("period_end", models.DateField(verbose_name="perioden till")),
            ("place", models.CharField(blank=True, max_length=200, verbose_name="plats")),
            ("status", models.CharField(choices=[("planerat", "Planerat"), ("genomfort", "Genomfört")], default="planerat", max_length=10)),
            ("participants", models.TextField(blank=True, help_text="En per rad.", verbose_name="deltagare")),
            ("notes", models.TextField(blank=True, verbose_name="anteckningar")),
            ("created_at", models.DateTimeField(auto_now_add=True)),
            ("updated_at", models.DateTimeField(auto_now=True)),
            ("created_by", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
            ("municipality", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="core.municipality")),
            ("organisations", models.ManyToManyField(blank=True, related_name="+", to="core.organisation", verbose_name="deltagande organisationer")),
        ],
        options={
            "ordering": ["-held_at"],
            "db_table": "lagesbild_meeting",
            "indexes": [models.Index(fields=["municipality", "held_at"], name="meeting_muni_time")],
        },
    ),
    migrations.CreateModel(
        name="Decision",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("place", models.CharField(blank=True, max_length=200, verbose_name="plats")),
            ("what", models.TextField(verbose_name="insats")),
            ("time_window", models.CharField(blank=True, help_text="T.ex. fredag–lördag 20–02.", max_length=200, verbose_name="tidsfönster")),
            ("until", models.DateField(verbose_name="till och med")),
            ("status", models.CharField(choices=[("beslutad", "Beslutad"), ("genomford", "Genomförd"), ("delvis", "Delvis genomförd"), ("ej_genomford", "Ej genomförd")], default="beslutad", max_length=14)),
            ("follow_up", models.TextField(blank=True, verbose_name="uppföljning")),
            ("created_at", models.DateTimeField(auto_now_add=True)),
            ("area", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="geo.area", verbose_name="område")),
            ("municipality", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="core.municipality")),
            ("responsible", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="core.organisation", verbose_name="ansvarig organisation")),
            ("meeting", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="decisions", to="forums.meeting")),
        ],
        options={"ordering": ["created_at"], "db_table": "lagesbild_decision"},
    ),
    migrations.CreateModel(
        name="AgendaItem",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("position", models.PositiveSmallIntegerField(default=0)),
            ("kind", models.CharField(choices=[("genererad", "Från lägesbilden"), ("aterkommande", "Återkommande åtgärd"), ("manuell", "Tillagd")], default="manuell", max_length=14)),
            ("title", models.CharField(max_length=300, verbose_name="rubrik")),
            ("body", models.TextField(blank=True, verbose_name="underlag")),
            ("link", models.CharField(blank=True, max_length=500)),
            ("action_item", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="forums.actionitem")),
            ("municipality", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="core.municipality")),
            ("meeting", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="agenda", to="forums.meeting")),
        ],
        options={"ordering": ["position", "pk"], "db_table": "lagesbild_agendaitem"},
    ),
    migrations.AddField(
        model_name="actionitem",
        name="meeting",
        field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="action_items", to="forums.meeting"),
    ),
    migrations.CreateModel(
        name="MeetingSchedule",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("first_date", models.DateField(verbose_name="första mötet")),
            ("interval_days", models.PositiveSmallIntegerField(default=14, verbose_name="dagar mellan mötena")),
            ("time_of_day", models.TimeField(default="09:00", verbose_name="klockslag")),
            ("place", models.CharField(blank=True, max_length=200, verbose_name="plats")),
            ("municipality", models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="core.municipality")),
        ],
        options={"db_table": "lagesbild_meetingschedule"},
    ),
]


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("core", "0005_auditevent_event"),
        ("geo", "0001_initial"),
        ("lagesbild", "0004_document_job_access"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=MOVED)]
