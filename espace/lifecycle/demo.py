"""Demo of the life of a space: invented people in each status, through the same services
as real files (enrolment import, printing, opposition, opening, death), and a legacy DMP
migrated for a new invented persona. Every name, number and address here is invented.

- notified, e-mail: Monique Lefort (31), Bernard Caron (44): their codes are in the outbox;
- notified, letter to print: Odette Marchand (80), Henri Lambert (31), and Inès Caron (44),
  Bernard's daughter (her parent's NIR is on file);
- opposed: Gérard Fontaine (online), Yvette Roussel (by post, recorded by the operator);
- open: Paulette Girard, André Masson (their window has passed);
- closed: Raymond Perrin (death recorded by the operator);
- migrated DMP, open at once: Marcel Dupuis (80), three documents, his letter to print.
Active spaces are the personas' (Jeanne, Karim, Lucas).
"""

from __future__ import annotations

import io
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.actors import Actor, ActorRole
from espace.demo import samples
from espace.demo.seed import Seeded
from espace.desk.services import record_death, record_paper_opposition
from espace.files import file_store
from espace.lifecycle.enrolment import import_enrolment
from espace.lifecycle.enrolment_file import COLUMNS
from espace.lifecycle.letters import print_waiting
from espace.lifecycle.migration import import_dmp
from espace.lifecycle.migration_file import COLUMNS as MANIFEST_COLUMNS
from espace.lifecycle.migration_file import MANIFEST
from espace.lifecycle.opening import due_space_ids, open_spaces
from espace.lifecycle.opposition import oppose
from espace.models import HealthSpace, Notice, OppositionChannel
from espace.nir import nir_key

JEANNE_NIR = "254033155512362"


def nir(body: str) -> str:
    return f"{body}{nir_key(body):02d}"


# (nir body, nom, prénom, naissance, e-mail, adresse, code postal, commune, département)
FIRST_WAVE = [
    ("2470331555101", "Girard", "Paulette", "1947-03-08", "paulette.girard@example.org", "", "", "", "31"),
    ("1520544109102", "Masson", "André", "1952-05-21", "", "12 rue des Olivettes", "44000", "Nantes", "44"),
    ("1390980021103", "Perrin", "Raymond", "1939-09-30", "raymond.perrin@example.org", "", "", "", "80"),
]  # fmt: skip
SECOND_WAVE = [
    ("2490131555104", "Lefort", "Monique", "1949-01-17", "monique.lefort@example.org", "", "", "", "31"),
    ("1760744109105", "Caron", "Bernard", "1976-07-04", "bernard.caron@example.org", "", "", "", "44"),
    ("1630231555106", "Fontaine", "Gérard", "1963-02-11", "gerard.fontaine@example.org", "", "", "", "31"),
    ("2550680021107", "Roussel", "Yvette", "1955-06-25", "", "4 place Gambetta", "80000", "Amiens", "80"),
]  # fmt: skip
THIRD_WAVE = [
    ("2410880021108", "Marchand", "Odette", "1941-08-02", "", "27 rue Saint-Leu", "80000", "Amiens", "80"),
    ("1371131555109", "Lambert", "Henri", "1937-11-19", "", "3 allée Jean-Jaurès", "31000", "Toulouse", "31"),
    ("2161044109110", "Caron", "Inès", "2016-10-09", "", "8 quai de la Fosse", "44000", "Nantes", "44"),
    ("1800575056111", "Leroux", "Jacques", "1980-05-14", "jacques.leroux@example.org", "", "", "", "75"),
]  # fmt: skip
BERNARD = nir(SECOND_WAVE[1][0])
MARCEL = ("1440480021112", "Dupuis", "Marcel", "1944-04-27", "", "15 rue Delambre", "80000", "Amiens", "80")  # fmt: skip
MARCEL_DOCUMENTS = [
    ("hospitalisation-2019.pdf", "Compte rendu d'hospitalisation – cardiologie", "compte_rendu", "2019-11-06", "CHU Amiens-Picardie, service de cardiologie", "pdf"),
    ("ordonnance-2020.pdf", "Ordonnance – traitement de l'hypertension", "prescription", "2020-02-14", "Dr Hélène Vasseur, médecin généraliste", "pdf"),
    ("radio-thorax-2018.png", "Radiographie du thorax", "imagerie", "2018-06-12", "Cabinet de radiologie du Beffroi", "png"),
]  # fmt: skip


def _csv(rows: list[tuple[str, ...]], parents: dict[str, str] | None = None) -> io.StringIO:
    lines = [";".join(COLUMNS)]
    for body, *fields in rows:
        parent = (parents or {}).get(body, "")
        lines.append(";".join([nir(body), *fields, parent]))
    return io.StringIO("\n".join(lines) + "\n")


def _space(db: Session, body: str) -> HealthSpace:
    return db.scalars(select(HealthSpace).where(HealthSpace.nir == nir(body))).one()


def seed(db: Session, seeded: Seeded, now: datetime) -> None:
    pilot = current_app.config["PILOT_DEPARTMENTS"]
    operator = Actor.for_account(db, seeded.accounts["operator"])
    # First wave, 50 days ago: letters printed the next day; the window has passed.
    first = now - timedelta(days=50)
    import_enrolment(db, _csv(FIRST_WAVE), "assures-vague-1.csv", first, pilot_departments=pilot)
    _print_batch_of(db, _space(db, FIRST_WAVE[1][0]), first + timedelta(days=1))
    open_spaces(db, due_space_ids(db, now), now)
    record_death(db, operator, _space(db, FIRST_WAVE[2][0]), (now - timedelta(days=2)).date(), now)
    # Second wave, 10 days ago: e-mails, and a letter printed the next day.
    second = now - timedelta(days=10)
    import_enrolment(db, _csv(SECOND_WAVE), "assures-vague-2.csv", second, pilot_departments=pilot)
    _print_batch_of(db, _space(db, SECOND_WAVE[3][0]), second + timedelta(days=1))
    oppose(db, Actor(ActorRole.HOLDER), _space(db, SECOND_WAVE[2][0]), OppositionChannel.ONLINE,
           now - timedelta(days=4))  # fmt: skip
    record_paper_opposition(db, operator, _space(db, SECOND_WAVE[3][0]),
                            (now - timedelta(days=3)).date(), now)  # fmt: skip
    # Third wave, 2 days ago: letters waiting to be printed, a dependant, Jeanne (already
    # known), someone outside the pilot départements and a line with a wrong NIR key.
    third = now - timedelta(days=2)
    stream = _csv(THIRD_WAVE, parents={THIRD_WAVE[2][0]: BERNARD})
    stream = io.StringIO(
        stream.getvalue()
        + f"{JEANNE_NIR};Martin;Jeanne;1954-03-12;jeanne.martin@example.org;;;;31;\n"
        + "254033155512399;Erreur;Clé;1954-03-12;;1 rue Fausse;31000;Toulouse;31;\n"
    )
    import_enrolment(db, stream, "assures-vague-3.csv", third, pilot_departments=pilot)
    _migrate_marcel(db, pilot, now - timedelta(days=1))


def _print_batch_of(db: Session, space: HealthSpace, at: datetime) -> None:
    batch_id = db.scalar(select(Notice.batch_id).where(Notice.space_id == space.id))
    print_waiting(db, batch_id, at)


def _migrate_marcel(db: Session, pilot: tuple[str, ...], at: datetime) -> None:
    with tempfile.TemporaryDirectory(prefix="espace-demo-dmp-") as folder:
        root = Path(folder)
        lines = [";".join(MANIFEST_COLUMNS)]
        for name, title, category, when, author, kind in MARCEL_DOCUMENTS:
            content = samples.png() if kind == "png" else samples.pdf(title, [
                f"Date : {when}", f"Auteur : {author}",
                "Document fictif, repris d'un DMP de démonstration.",
            ])  # fmt: skip
            (root / name).write_bytes(content)
            lines.append(
                ";".join([nir(MARCEL[0]), *MARCEL[1:], name, title, category, when, author])
            )
        (root / MANIFEST).write_text("\n".join(lines) + "\n", encoding="utf-8")
        with (root / MANIFEST).open(encoding="utf-8") as manifest:
            import_dmp(db, file_store(), manifest, root, at, pilot_departments=pilot)
