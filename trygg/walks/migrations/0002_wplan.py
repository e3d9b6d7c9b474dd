from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("walks", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="walk",
            name="route_description",
            field=models.TextField(blank=True, verbose_name="slingan i text"),
        ),
    ]
