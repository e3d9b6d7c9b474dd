"""Category services: seeding a municipality's taxonomy, creating and editing categories."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django_scopes import scope

from trygg.core.kernel import audit, own, require
from trygg.core.models import Municipality
from trygg.core.viewer import Viewer

from ..categories import SEED
from ..models import Category


def categories_seed(*, municipality: Municipality) -> int:
    """Creates the standard taxonomy for a municipality; existing codes are left alone."""
    with scope(municipality=municipality):
        return _categories_seed(municipality)


def _categories_seed(municipality: Municipality) -> int:
    existing = set(
        Category.objects.filter(municipality=municipality).values_list("code", flat=True)
    )
    created = 0
    by_code: dict[str, Category] = {
        c.code: c for c in Category.objects.filter(municipality=municipality)
    }
    for order, seed in enumerate(SEED):
        if seed.code in existing:
            continue
        category = Category.objects.create(
            municipality=municipality,
            code=seed.code,
            name=seed.name,
            parent=by_code.get(seed.parent) if seed.parent else None,
            sensitivity=seed.sensitivity,
            retention_days=seed.retention_days,
            citizen=seed.citizen,
            sort_order=order,
        )
        by_code[seed.code] = category
        created += 1
    return created


@transaction.atomic
def category_update(
    *,
    viewer: Viewer,
    category: Category,
    name: str,
    sensitivity: str,
    retention_days: int,
    citizen: bool,
    active: bool,
    youth_related: bool = False,
) -> Category:
    require(viewer, "reports.manage_categories")
    own(viewer, category)
    category.name = name.strip()
    category.sensitivity = sensitivity
    category.retention_days = retention_days
    category.citizen = citizen
    category.youth_related = youth_related
    category.active = active
    category.full_clean()
    category.save(
        update_fields=[
            "name",
            "sensitivity",
            "retention_days",
            "citizen",
            "youth_related",
            "active",
        ]
    )
    audit(
        viewer,
        "reports.category_updated",
        category,
        summary=f"Kategorin {category.name} ändrad",
        code=category.code,
        sensitivity=sensitivity,
        retention_days=retention_days,
        citizen=citizen,
        youth_related=youth_related,
        active=active,
    )
    return category


@transaction.atomic
def category_create(
    *,
    viewer: Viewer,
    code: str,
    name: str,
    parent: Category | None,
    sensitivity: str,
    retention_days: int,
    citizen: bool,
    youth_related: bool = False,
) -> Category:
    require(viewer, "reports.manage_categories")
    own(viewer, parent)
    if parent is not None and parent.parent_id is not None:
        raise ValidationError({"parent": "Kategorier har högst två nivåer."})
    category = Category(
        municipality=viewer.municipality,
        code=code,
        name=name.strip(),
        parent=parent,
        sensitivity=sensitivity,
        retention_days=retention_days,
        citizen=citizen,
        youth_related=youth_related,
        sort_order=1000,
    )
    category.full_clean()
    category.save()
    audit(
        viewer,
        "reports.category_created",
        category,
        summary=f"Kategorin {category.name} skapad",
        code=code,
        parent=getattr(parent, "pk", None),
        sensitivity=sensitivity,
        retention_days=retention_days,
    )
    return category
