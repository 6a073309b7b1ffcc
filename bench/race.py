"""Two people editing the same child's record at the same moment, 1,000 times over.

Each round, two threads (each with its own database connection, like two web workers) read
the record, then both try to save a different edit with the version they read. The rule
(`child_update`): the second save is refused (`StaleEditError`, 409 in the API). The script
then checks that nothing was lost or doubled:

- the record's version went up exactly once per accepted save;
- the change history holds every accepted edit exactly once, and no refused one;
- the audit log holds one update row per accepted save;
- the record shows the last accepted edit; no extra record appeared.

Run: `make bench-race` (ROUNDS=1000 by default). The last output line is a JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import threading
from collections import Counter
from typing import Any

from bench import OUT_DIR, bootstrap


def _data(child: Any, notes: str) -> Any:
    from cpms.children.services import ChildData

    return ChildData(
        full_name=child.full_name,
        birth_date=child.birth_date,
        sex=child.sex,
        commune=child.commune,
        village=child.village,
        birth_precision=child.birth_precision,
        ethnicity=child.ethnicity,
        personal_id=child.personal_id,
        living_situation=child.living_situation,
        parents_marital=child.parents_marital,
        notes=notes,
    )


def race(rounds: int) -> dict[str, Any]:
    from django.apps import apps
    from django.db import connection

    from cpms.audit.models import AuditEvent, AuditLog
    from cpms.children.models import Child
    from cpms.children.services import StaleEditError, child_register, child_update
    from cpms.geography.demo import seed_demo_geography
    from cpms.geography.models import AdminUnit, UnitLevel

    from .sheets import bench_worker

    seed_demo_geography()
    commune = AdminUnit.objects.filter(level=UnitLevel.COMMUNE, valid_to__isnull=True).first()
    assert commune is not None
    worker = bench_worker(commune)
    child = child_register(
        actor=worker,
        data=_data(
            Child(
                full_name="Nguyễn Thị Thu Trang",
                birth_date=dt.date(2015, 3, 8),
                sex="female",
                commune=commune,
            ),
            "",
        ),
    )
    children_before = Child.objects.count()
    start = threading.Barrier(2)
    accepted: dict[str, list[str]] = {"a": [], "b": []}
    refused: Counter[str] = Counter()
    errors: list[str] = []

    def person(name: str) -> None:
        try:
            for n in range(rounds):
                start.wait()  # both read, then both write
                seen = Child.objects.get(pk=child.pk)
                start.wait()
                notes = f"{name}-{n}"
                try:
                    child_update(
                        actor=worker,
                        child=seen,
                        data=_data(seen, notes),
                        expected_version=seen.version,
                    )
                except StaleEditError:
                    refused[name] += 1
                else:
                    accepted[name].append(notes)
        except Exception as exc:  # reported below; the other thread must not wait forever
            errors.append(repr(exc))
            start.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=person, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    saved = accepted["a"] + accepted["b"]
    final = Child.objects.get(pk=child.pk)
    history = apps.get_model("children", "ChildEvent")
    updates = list(
        history.objects.filter(pgh_obj_id=child.pk, pgh_label="update")
        .order_by("pgh_id")
        .values_list("notes", flat=True)
    )
    audit_updates = AuditLog.objects.filter(
        subject_type="children.child", subject_id=str(child.uid), event_type=AuditEvent.UPDATE
    ).count()
    lost = sorted(set(saved) - set(updates))
    doubled = [notes for notes, count in Counter(updates).items() if count > 1]
    phantom = sorted(set(updates) - set(saved))
    figures = {
        "rounds": rounds,
        "attempts": 2 * rounds,
        "accepted": len(saved),
        "refused_as_stale": sum(refused.values()),
        "errors": errors,
        "final_version": final.version,
        "version_matches": final.version == 1 + len(saved),
        "last_edit_kept": final.notes == (updates[-1] if updates else ""),
        "lost_updates": len(lost),
        "doubled_updates": len(doubled),
        "refused_edits_saved": len(phantom),
        "audit_update_rows": audit_updates,
        "duplicate_records": Child.objects.count() - children_before,
    }
    figures["ok"] = (
        not errors
        and figures["accepted"] + figures["refused_as_stale"] == 2 * rounds
        and figures["version_matches"]
        and figures["last_edit_kept"]
        and not lost
        and not doubled
        and not phantom
        and audit_updates == len(saved)
        and figures["duplicate_records"] == 0
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=1000)
    args = parser.parse_args()
    bootstrap()
    figures = race(args.rounds)
    for key, value in figures.items():
        print(f"{key}: {value}")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / "race.json").write_text(json.dumps(figures, ensure_ascii=False, indent=2))
    print(json.dumps(figures, ensure_ascii=False))
    if not figures["ok"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
