"""Who answered compared with whom they speak for: shares side by side and the warnings a
reader needs before trusting a figure.

Two warnings, both from the guidance on citizen dialogue: a group whose share among those who
took part is under half its share of the population is under-represented (its voice counts
for less than half of what it should), and a small group (under 30 people) speaking for a
whole area is a conversation, not a measurement. Pure Python: counts in, dataclasses out."""

from dataclasses import dataclass

UNDER_REPRESENTED = 0.5  # a group's share among respondents below half its population share
SMALL_GROUP = 30  # fewer respondents than this cannot speak for an area


@dataclass(frozen=True)
class Share:
    group: str
    respondents: int
    respondent_share: float | None  # None when nobody answered at all
    population: int
    population_share: float | None  # None when the population is not known
    under_represented: bool


@dataclass(frozen=True)
class Comparison:
    shares: list[Share]
    respondents: int  # all respondents whose group is known
    population: int
    small_group: bool


def compare(respondents: dict[str, int], population: dict[str, int]) -> Comparison:
    """Shares per group of `respondents` beside `population`, in the population's order and
    then any group only the respondents have. A group is under-represented when both shares
    are known and its respondent share is under half its population share."""
    total_r = sum(respondents.values())
    total_p = sum(population.values())
    groups = list(population) + [g for g in respondents if g not in population]
    shares = []
    for group in groups:
        r = respondents.get(group, 0)
        p = population.get(group, 0)
        r_share = r / total_r if total_r else None
        p_share = p / total_p if total_p else None
        under = (
            r_share is not None
            and p_share is not None
            and p_share > 0
            and r_share < UNDER_REPRESENTED * p_share
        )
        shares.append(Share(group, r, r_share, p, p_share, under))
    return Comparison(shares, total_r, total_p, small_group=0 < total_r < SMALL_GROUP)
