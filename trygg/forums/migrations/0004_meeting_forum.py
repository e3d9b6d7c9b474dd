"""Each meeting now names its forum row; the old choice field goes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("forums", "0003_forum_rows")]

    operations = [
        migrations.RemoveField(model_name="meeting", name="forum"),
        migrations.RenameField(model_name="meeting", old_name="forum_ref", new_name="forum"),
        migrations.AlterField(
            model_name="meeting",
            name="forum",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="meetings", to="forums.forum", verbose_name="forum"),
        ),
    ]
