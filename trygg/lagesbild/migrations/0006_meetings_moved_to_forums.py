"""The meeting models now belong to trygg.forums (forums 0001 took them over, tables and
rows included); lagesbild only lets go of them in Django's state."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("lagesbild", "0005_job_base"),
        ("forums", "0001_meetings_from_lagesbild"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="AgendaItem"),
                migrations.DeleteModel(name="Decision"),
                migrations.DeleteModel(name="ActionItem"),
                migrations.DeleteModel(name="Meeting"),
                migrations.DeleteModel(name="MeetingSchedule"),
            ]
        )
    ]
