"""The welfare-crime register (G8): crime-proofing analyses per regelverk with their risks,
the control catalogue and its runs, and pseudonymous case references. A municipality has no
general legal basis for a register of suspected individuals, so nothing here names a person:
the cases themselves stay in the social-services systems."""

from .analyses import Analysis, Regelverk, Risk
from .cases import Case
from .controls import Control, ControlRun

__all__ = ["Analysis", "Case", "Control", "ControlRun", "Regelverk", "Risk"]
