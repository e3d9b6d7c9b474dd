"""Before/after evaluation of a measure against a comparison area.

Difference-in-differences on Poisson counts as a ratio of rate ratios, and the weighted
displacement difference (WDD) of Wheeler & Ratcliffe (2018, *Crime Science* 7), which adds a
displacement area so that a measure that only moved crime next door is seen as such.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy.special import erfc, ndtri

from trygg.locale_sv import round_half_up

from .compare import format_number, format_p

# Above this ratio between the ends of the confidence interval for the RRR, call it "wide".
WIDE_CI_RATIO = 2.0


@dataclass(frozen=True)
class DidResult:
    """Difference-in-differences as a ratio of rate ratios, (Ta/Tb) / (Ca/Cb)."""

    rrr: float
    ci_low: float
    ci_high: float
    p_value: float  # two-sided, normal approximation on the log scale
    effect_counts: (
        float  # treated_after minus what it would have been had it developed like control
    )
    percent_change: float  # 100 * (rrr - 1)
    significant: bool  # the confidence interval excludes 1
    text: str
    expected_after: float = 0.0  # treated_before × control_after / control_before
    confidence: float = 0.95
    corrected: bool = False  # 0.5 added to every count because one was 0


@dataclass(frozen=True)
class WddResult:
    """Weighted displacement difference: negative means fewer events than expected."""

    estimate: float  # local + displacement, in events per unit of period length
    variance: float
    z: float
    p_value: float  # two-sided normal
    ci_low: float
    ci_high: float
    significant: bool
    text: str
    local_estimate: float = 0.0  # ΔT − ΔC
    displacement_estimate: float = 0.0  # ΔD − ΔC_d
    se: float = 0.0
    confidence: float = 0.95
    displacement_control_reused: bool = True  # the control area also served the displacement area


def diff_in_diff(
    *,
    treated_before: float,
    treated_after: float,
    control_before: float,
    control_after: float,
    before_length: float = 1.0,
    after_length: float = 1.0,
    confidence: float = 0.95,
) -> DidResult:
    """Ratio of rate ratios with a log-scale Wald CI; 0.5 is added to every count if any is 0."""
    # Both areas share the periods, so the lengths cancel from the RRR and the control's ratio
    # already carries them into expected_after; they are only validated.
    counts = [
        _nonnegative(treated_before, "treated_before"),
        _nonnegative(treated_after, "treated_after"),
        _nonnegative(control_before, "control_before"),
        _nonnegative(control_after, "control_after"),
    ]
    _lengths(before_length, after_length)
    _confidence(confidence)
    corrected = any(c == 0 for c in counts)
    tb, ta, cb, ca = (c + 0.5 for c in counts) if corrected else counts
    log_rrr = math.log(ta) - math.log(tb) - math.log(ca) + math.log(cb)
    se = math.sqrt(1 / ta + 1 / tb + 1 / ca + 1 / cb)
    z_crit = float(ndtri(0.5 + confidence / 2))
    rrr = math.exp(log_rrr)
    ci_low, ci_high = math.exp(log_rrr - z_crit * se), math.exp(log_rrr + z_crit * se)
    p_value = float(erfc(abs(log_rrr / se) / math.sqrt(2)))
    expected_after = counts[0] * ca / cb
    effect = counts[1] - expected_after
    significant = ci_high < 1 or ci_low > 1
    text = _did_text(rrr, ci_low, ci_high, p_value, effect, significant, confidence, corrected)
    return DidResult(
        rrr=rrr,
        ci_low=ci_low,
        ci_high=ci_high,
        p_value=p_value,
        effect_counts=effect,
        percent_change=100 * (rrr - 1),
        significant=significant,
        text=text,
        expected_after=expected_after,
        confidence=confidence,
        corrected=corrected,
    )


def weighted_displacement_difference(
    *,
    treated_before: float,
    treated_after: float,
    control_before: float,
    control_after: float,
    displacement_before: float,
    displacement_after: float,
    displacement_control_before: float | None = None,
    displacement_control_after: float | None = None,
    before_length: float = 1.0,
    after_length: float = 1.0,
    confidence: float = 0.95,
) -> WddResult:
    """WDD = (ΔT − ΔC) + (ΔD − ΔC_d) with Poisson variance, counts divided by period length.

    Without a displacement control the control area serves both (so its variance counts 4×).
    """
    _lengths(before_length, after_length)
    _confidence(confidence)
    reused = displacement_control_before is None and displacement_control_after is None
    if reused:
        displacement_control_before, displacement_control_after = control_before, control_after
    elif displacement_control_before is None or displacement_control_after is None:
        raise ValueError("give both displacement control counts or neither")

    def change(before, after, name):
        before = _nonnegative(before, f"{name}_before")
        after = _nonnegative(after, f"{name}_after")
        return after / after_length - before / before_length, (
            after / after_length**2 + before / before_length**2
        )

    d_treated, v_treated = change(treated_before, treated_after, "treated")
    d_control, v_control = change(control_before, control_after, "control")
    d_disp, v_disp = change(displacement_before, displacement_after, "displacement")
    d_dcontrol, v_dcontrol = change(
        displacement_control_before, displacement_control_after, "displacement_control"
    )
    local = d_treated - d_control
    displacement = d_disp - d_dcontrol
    estimate = local + displacement
    if reused:
        # The same counts enter twice: Var(2ΔC) = 4 Var(ΔC), not 2 Var(ΔC).
        variance = v_treated + v_disp + 4 * v_control
    else:
        variance = v_treated + v_control + v_disp + v_dcontrol
    se = math.sqrt(variance)
    z = estimate / se if se > 0 else 0.0
    p_value = float(erfc(abs(z) / math.sqrt(2)))
    z_crit = float(ndtri(0.5 + confidence / 2))
    ci_low, ci_high = estimate - z_crit * se, estimate + z_crit * se
    significant = se > 0 and (ci_high < 0 or ci_low > 0)
    text = _wdd_text(
        estimate, local, displacement, ci_low, ci_high, p_value, significant, confidence, reused
    )
    return WddResult(
        estimate=estimate,
        variance=variance,
        z=z,
        p_value=p_value,
        ci_low=ci_low,
        ci_high=ci_high,
        significant=significant,
        text=text,
        local_estimate=local,
        displacement_estimate=displacement,
        se=se,
        confidence=confidence,
        displacement_control_reused=reused,
    )


def _nonnegative(value, name: str) -> float:
    """A finite count >= 0, or ValueError."""
    value = float(value)
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"{name} must be a finite count >= 0, got {value!r}")
    return value


def _lengths(before_length: float, after_length: float) -> None:
    if not (before_length > 0 and after_length > 0):
        raise ValueError("period lengths must be positive")


def _confidence(confidence: float) -> None:
    if not 0 < confidence < 1:
        raise ValueError("confidence must be between 0 and 1")


def _percent(x: float) -> str:
    return f"{format_number(x, 0)} %"


def _relative(rrr: float) -> str:
    """'30 % färre', '12 % fler' or 'lika många' for a rate ratio."""
    change = 100 * (rrr - 1)
    if round_half_up(change) == 0:
        return "lika många"
    return f"{_percent(abs(change))} {'fler' if change > 0 else 'färre'}"


def _did_text(rrr, ci_low, ci_high, p_value, effect, significant, confidence, corrected) -> str:
    """What the difference-in-differences shows, and what it does not, in plain Swedish."""
    level = _percent(100 * confidence)
    interval = f"{level} konfidensintervall: från {_relative(ci_low)} till {_relative(ci_high)}"
    counts = format_number(abs(effect), 0)
    fewer_more = "färre" if effect < 0 else "fler"
    if significant:
        head = (
            f"I åtgärdsområdet blev det {_relative(rrr)} händelser än väntat utifrån "
            f"utvecklingen i jämförelseområdet, ungefär {counts} {fewer_more} ({interval}; "
            f"{format_p(p_value)}). Skillnaden är statistiskt säkerställd."
        )
    else:
        head = (
            f"Ingen säkerställd skillnad mot jämförelseområdet: skattningen är "
            f"{_relative(rrr)} händelser än väntat, men det kan lika gärna vara slumpen "
            f"({interval}; {format_p(p_value)})."
        )
    parts = [head]
    if ci_high / ci_low > WIDE_CI_RATIO:
        parts.append(
            "Osäkerheten är stor: underlaget är för litet för att säga hur stor effekten är."
        )
    if corrected:
        parts.append(
            "Någon av perioderna hade noll händelser, så 0,5 har lagts till i alla fyra antal "
            "för att kunna räkna; tolka resultatet med extra försiktighet."
        )
    parts.append(
        "Beräkningen förutsätter att åtgärdsområdet utan åtgärden hade utvecklats som "
        "jämförelseområdet. Den visar en skillnad i utveckling, inte att åtgärden orsakade den: "
        "annat som ändrats i området under samma tid kan ligga bakom."
    )
    return " ".join(parts)


def _wdd_text(
    estimate, local, displacement, ci_low, ci_high, p_value, significant, confidence, reused
) -> str:
    """What the WDD shows, and what it does not, in plain Swedish."""

    def events(x: float) -> str:
        n = format_number(abs(x))
        return f"{n} {'färre' if x < 0 else 'fler'}" if round_half_up(x, 1) != 0 else "lika många"

    level = _percent(100 * confidence)
    head = (
        f"Åtgärdsområdet och förflyttningsområdet fick tillsammans {events(estimate)} händelser "
        f"än jämförelsen ger anledning att vänta ({level} konfidensintervall: {events(ci_low)} "
        f"till {events(ci_high)}; {format_p(p_value)})."
    )
    if significant:
        verdict = "Nettoförändringen är statistiskt säkerställd."
    else:
        verdict = "Nettoförändringen kan inte skiljas från slumpen."
    split = (
        f" Åtgärdsområdet står för {events(local)} och förflyttningsområdet för "
        f"{events(displacement)}."
    )
    if local < 0 < displacement:
        split += (
            " Ökningen intill kan betyda att brott har flyttat dit och äter upp en del av "
            "minskningen."
        )
    elif local < 0 and displacement < 0:
        split += " Minskningen även intill talar emot att brotten bara har flyttat."
    caveat = (
        " Testet förutsätter att områdena utan åtgärden hade utvecklats som jämförelsen"
        + (" (samma jämförelseområde används för båda)" if reused else "")
        + " och bygger på en normalapproximation som blir osäker vid små antal. Det visar inte "
        "att åtgärden orsakade förändringen."
    )
    return f"{head} {verdict}{split}{caveat}"
