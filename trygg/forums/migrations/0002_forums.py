"""The forums themselves, their members and calendar feeds; the moved tables get this app's
names, and meetings get a (still empty) link to their forum, filled by 0003."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

KINDS = [
    ("lagesbild", "Lägesbildsmöte"),
    ("bra", "BRÅ (brottsförebyggande rådet)"),
    ("est", "EST-gruppen"),
    ("klg", "Kommunledningsgruppen (KLG)"),
    ("stora", "Stora samverkansgruppen"),
    ("arbetsgrupp", "Arbetsgrupp"),
]
ROLES = [
    ("ordforande", "Ordförande"),
    ("sammankallande", "Sammankallande"),
    ("sekreterare", "Sekreterare"),
    ("ledamot", "Ledamot"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0001_meetings_from_lagesbild"),
        ("lagesbild", "0006_meetings_moved_to_forums"),
        ("core", "0005_auditevent_event"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Renaming keeps every row and primary key; the many-to-many table follows its model.
        migrations.AlterModelTable(name="meeting", table=None),
        migrations.AlterModelTable(name="agendaitem", table=None),
        migrations.AlterModelTable(name="decision", table=None),
        migrations.AlterModelTable(name="actionitem", table=None),
        migrations.AlterModelTable(name="meetingschedule", table=None),
        migrations.CreateModel(
            name="Forum",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=KINDS, max_length=12, verbose_name="typ av forum")),
                ("name", models.CharField(max_length=200, verbose_name="namn")),
                ("purpose", models.TextField(blank=True, verbose_name="uppdrag")),
                ("active", models.BooleanField(default=True, verbose_name="aktivt")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("municipality", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="core.municipality")),
                ("parent", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="working_groups", to="forums.forum", verbose_name="tillsatt av")),
            ],
            options={
                "ordering": ["pk"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("kind", "arbetsgrupp"), _negated=True),
                        fields=("municipality", "kind"),
                        name="forum_one_per_kind",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ForumMembership",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("person_name", models.CharField(blank=True, max_length=200, verbose_name="namn")),
                ("organisation_name", models.CharField(blank=True, max_length=200, verbose_name="organisation")),
                ("role", models.CharField(choices=ROLES, default="ledamot", max_length=16, verbose_name="roll i forumet")),
                ("appointment_reference", models.CharField(blank=True, help_text="För BRÅ:s ordförande: kommunfullmäktiges beslut, t.ex. KF § 45/2026.", max_length=200, verbose_name="beslut om uppdraget")),
                ("started_on", models.DateField(default=django.utils.timezone.localdate, verbose_name="från")),
                ("ended_on", models.DateField(blank=True, null=True, verbose_name="till")),
                ("anonymised_at", models.DateTimeField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("forum", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="memberships", to="forums.forum")),
                ("municipality", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="core.municipality")),
                ("user", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="användare")),
            ],
            options={
                "ordering": ["forum_id", "role", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("user__isnull", False), models.Q(("person_name", ""), _negated=True), _connector="OR"),
                        name="forum_member_user_or_name",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="CalendarFeed",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("digest", models.CharField(max_length=64, unique=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("revoked_at", models.DateTimeField(blank=True, null=True)),
                ("last_read_at", models.DateTimeField(blank=True, null=True)),
                ("forum", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="feeds", to="forums.forum")),
                ("municipality", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="core.municipality")),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
            options={"ordering": ["-created_at"]},
        ),
        migrations.AddField(
            model_name="meeting",
            name="forum_ref",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="meetings", to="forums.forum", verbose_name="forum"),
        ),
        migrations.AddField(
            model_name="decision",
            name="year",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="år"),
        ),
        migrations.AddField(
            model_name="decision",
            name="number",
            field=models.PositiveIntegerField(default=0, verbose_name="paragraf"),
        ),
        # Only the lägesbildsmöte's decisions are insatser with an owner and an end date.
        migrations.AlterField(
            model_name="decision",
            name="responsible",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="core.organisation", verbose_name="ansvarig organisation"),
        ),
        migrations.AlterField(
            model_name="decision",
            name="until",
            field=models.DateField(blank=True, null=True, verbose_name="till och med"),
        ),
        migrations.AlterField(
            model_name="decision",
            name="what",
            field=models.TextField(verbose_name="beslut"),
        ),
        migrations.AlterModelOptions(
            name="decision",
            options={"ordering": ["year", "number", "created_at"]},
        ),
        migrations.AlterField(
            model_name="meeting",
            name="status",
            field=models.CharField(choices=[("planerat", "Planerat"), ("genomfort", "Genomfört"), ("installt", "Inställt")], default="planerat", max_length=10),
        ),
    ]
