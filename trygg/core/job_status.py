"""What a job's page and its script say about it: one JSON shape for every kind of job,
read by the one polling script (static/trygg/job-status.js).

    {"state": "pagar" | "klar" | "fel" | "vantar", "status": "kor", "label": "Pågår",
     "text": "Pågår – 4 av 10 (40 %)", "message": "", "total": 10, "processed": 4,
     "percent": 40, "result_url": "", ...}

`state` is what the page shows: "pagar" while a worker has it or it is queued (the script
asks again), "klar" and "fel" when it is over, "vantar" when it waits for its owner (an
import's column mapping), so the script stops. The page renders the same dict, so it is
right without JavaScript too (the person refreshes)."""

from django.http import JsonResponse

from .jobs import Job, JobStatus, job_fail_if_stale


def job_state(
    job: Job,
    *,
    texts: dict[str, str] | None = None,
    failed: str = "",
    result_url: str = "",
    **extra,
) -> dict:
    """The job as the page and its script show it. A lost job is marked failed first, so
    its owner is told and can start it again. `texts` maps a state to its text (default: the
    status, with progress where counted); `failed` is the message of a failure without one."""
    job_fail_if_stale(job)
    if job.running:
        state = "pagar"
    elif job.status == JobStatus.KLAR:
        state = "klar"
    elif job.status == JobStatus.MISSLYCKAD:
        state = "fel"
    else:
        state = "vantar"
    text = (texts or {}).get(state, "")
    if not text:
        text = job.get_status_display()
        if job.total:
            text += f" – {job.processed} av {job.total} ({job.percent} %)"
    return {
        "state": state,
        "status": job.status,
        "label": job.get_status_display(),
        "text": text,
        "message": (job.message or failed) if state == "fel" else "",
        "total": job.total,
        "processed": job.processed,
        "percent": job.percent,
        "result_url": result_url,
        **extra,
    }


def job_status_response(job: Job, **kwargs) -> JsonResponse:
    """The status endpoint's answer: `job_state` as JSON, never cached."""
    response = JsonResponse(job_state(job, **kwargs))
    response["Cache-Control"] = "private, no-store"
    return response
