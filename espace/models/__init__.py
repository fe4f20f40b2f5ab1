"""Every model, imported here so Alembic and ``Base.metadata`` see them all."""

from espace.models.access import (
    Block,
    CareTeamMember,
    ConsultationConsent,
    EmergencyAccess,
    EmergencyMode,
    ShareCode,
)
from espace.models.account import Account, AccountStatus, Role
from espace.models.audit import AuditEntry, AuditHead
from espace.models.base import Base
from espace.models.catalogue import HealthService, ServiceConsent
from espace.models.directory import DirectoryCode, DirectoryImport, PracticeSite
from espace.models.document import (
    CATEGORY_LABELS,
    AuthorKind,
    Document,
    DocumentCategory,
    StoredFile,
)
from espace.models.notification import Notification, NotificationPreference
from espace.models.professional import PROFESSIONS, Professional
from espace.models.profile import (
    Allergy,
    Contact,
    ContactKind,
    HistoryKind,
    Measurement,
    MeasurementKind,
    MedicalHistory,
    MyProfessional,
    OrganDonation,
    PrivateNote,
    ProfileSection,
    Severity,
    Treatment,
    Vaccination,
    Wishes,
)
from espace.models.reimbursement import Reimbursement
from espace.models.security import AuthSession, SecondFactor, SignInAttempt, Throttle
from espace.models.space import HealthSpace, SpaceStatus

__all__ = [
    "CATEGORY_LABELS",
    "PROFESSIONS",
    "Account",
    "AccountStatus",
    "Allergy",
    "AuditEntry",
    "AuditHead",
    "AuthSession",
    "AuthorKind",
    "Base",
    "Block",
    "CareTeamMember",
    "ConsultationConsent",
    "Contact",
    "ContactKind",
    "DirectoryCode",
    "DirectoryImport",
    "Document",
    "DocumentCategory",
    "EmergencyAccess",
    "EmergencyMode",
    "HealthService",
    "HealthSpace",
    "HistoryKind",
    "Measurement",
    "MeasurementKind",
    "MedicalHistory",
    "MyProfessional",
    "Notification",
    "NotificationPreference",
    "OrganDonation",
    "PracticeSite",
    "PrivateNote",
    "Professional",
    "ProfileSection",
    "Reimbursement",
    "Role",
    "SecondFactor",
    "ServiceConsent",
    "Severity",
    "ShareCode",
    "SignInAttempt",
    "SpaceStatus",
    "StoredFile",
    "Throttle",
    "Treatment",
    "Vaccination",
    "Wishes",
]
