"""Medborgardialog: a dialogue is the parent object (the question the municipality asks its
residents, who decided it, how results are told back); its parts are surveys, interview and
focus-group sessions and safety walks (the walks app)."""

from .answers import Answer, Invitation, PopulationStratum, Response, ResultSubscriber
from .dialogue import Dialogue, Session, SessionNote
from .surveys import BankItem, Channel, Question, Section, Survey, SurveyVersion

__all__ = [
    "Answer",
    "BankItem",
    "Channel",
    "Dialogue",
    "Invitation",
    "PopulationStratum",
    "Question",
    "Response",
    "ResultSubscriber",
    "Section",
    "Session",
    "SessionNote",
    "Survey",
    "SurveyVersion",
]
