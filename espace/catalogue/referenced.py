"""The referenced services: invented, but like those of the real catalogue. Each says what
it would receive from the space and how long it keeps it, in plain French."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.models import HealthService


@dataclass(frozen=True)
class Referenced:
    slug: str
    name: str
    publisher: str
    summary: str
    description: str
    data_shared: tuple[str, ...]
    retention: str
    url: str


REFERENCED = [
    Referenced(
        "glycemie-facile", "Glycémie Facile", "Diabéto Conseil SAS (Lyon)",
        "Un accompagnement pour mieux vivre avec un diabète.",
        "Une application qui vous aide à suivre votre glycémie, à comprendre vos résultats "
        "et à préparer vos rendez-vous. Une infirmière peut vous appeler si vos mesures "
        "restent trop hautes.",
        ("Vos mesures de glycémie", "Vos traitements en cours", "Votre poids"),
        "Jusqu'à 2 ans après votre dernière utilisation, puis tout est effacé.",
        "https://glycemie-facile.example.org",
    ),
    Referenced(
        "pharma-rendez-vous", "Pharma Rendez-vous", "Officines Associées (Toulouse)",
        "Prendre rendez-vous en pharmacie pour un vaccin ou un dépistage.",
        "Choisissez une pharmacie près de chez vous et un horaire pour vous faire vacciner "
        "(grippe, Covid-19) ou faire un test de dépistage. La pharmacie sait quels vaccins "
        "vous avez déjà reçus.",
        ("Votre nom, votre prénom et votre date de naissance", "Vos vaccinations"),
        "1 an après votre dernier rendez-vous.",
        "https://pharma-rendez-vous.example.org",
    ),
    Referenced(
        "balance-equilibre", "Balance Équilibre", "Équilibre Connecté SARL (Nantes)",
        "Une balance qui ajoute votre poids à votre profil médical.",
        "Chaque pesée est ajoutée à vos mesures, sans rien avoir à saisir. La balance a "
        "besoin de votre taille pour calculer votre indice de masse corporelle.",
        ("Votre taille", "Vos mesures de poids"),
        "Tant que la balance est reliée à votre espace santé, puis 3 mois.",
        "https://balance-equilibre.example.org",
    ),
    Referenced(
        "teleconsult-direct", "TéléConsult Direct", "TéléSanté Réunie SAS (Paris)",
        "Consulter un médecin en vidéo, le jour même.",
        "Un médecin vous reçoit en vidéo, depuis votre téléphone ou votre ordinateur. Il "
        "connaît vos allergies et vos traitements avant de commencer, et le compte rendu "
        "arrive dans vos documents.",
        ("Votre nom, votre prénom et votre date de naissance", "Vos allergies",
         "Vos traitements en cours", "Les documents que vous choisissez de lui montrer"),
        "20 ans pour le compte rendu de consultation, comme tout dossier médical ; 1 an pour "
        "le reste.",
        "https://teleconsult-direct.example.org",
    ),
    Referenced(
        "don-organes-info", "Don d'organes, parlons-en", "Association Parlons Don (Amiens)",
        "Des réponses simples sur le don d'organes, et de l'aide pour en parler aux proches.",
        "Des vidéos et des fiches pour comprendre le don d'organes et de tissus, et savoir "
        "comment faire connaître votre choix. Le service ne reçoit aucune donnée de santé.",
        ("Votre département, pour vous indiquer les associations près de chez vous",),
        "Rien n'est gardé après votre visite.",
        "https://don-organes-info.example.org",
    ),
    Referenced(
        "tension-suivi", "Mon Suivi Tension", "Cardio Quotidien SAS (Bordeaux)",
        "Un carnet de tension artérielle, avec des rappels.",
        "Notez votre tension ou reliez votre tensiomètre ; le carnet vous rappelle de "
        "mesurer et prépare un tableau pour votre médecin.",
        ("Vos mesures de tension artérielle", "Vos traitements en cours"),
        "2 ans après votre dernière mesure.",
        "https://tension-suivi.example.org",
    ),
]  # fmt: skip


def ensure_referenced(db: Session) -> list[HealthService]:
    """Add the referenced services, or update them: the same slug is the same service."""
    existing = {service.slug: service for service in db.scalars(select(HealthService))}
    services = []
    for position, item in enumerate(REFERENCED):
        service = existing.get(item.slug) or HealthService(slug=item.slug)
        values = {**asdict(item), "data_shared": "\n".join(item.data_shared)}
        for name, value in values.items():
            setattr(service, name, value)
        service.position = position
        db.add(service)
        services.append(service)
    db.flush()
    return services
