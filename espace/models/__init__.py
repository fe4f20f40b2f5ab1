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
from espace.models.agenda import Appointment, CalendarFeed, PreventionHidden
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
from espace.models.lifecycle import (
    ActivationCode,
    EnrolmentBatch,
    Export,
    ExportStatus,
    Notice,
    NoticeChannel,
    Opposition,
    OppositionChannel,
    Representation,
    RepresentationKind,
)
from espace.models.messaging import (
    Message,
    MessageAttachment,
    MessageKind,
    Side,
    Thread,
    ThreadRead,
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
from espace.models.workshop import Feedback, SandboxClock, WorkshopSession

__all__ = [
    "CATEGORY_LABELS",
    "PROFESSIONS",
    "Account",
    "AccountStatus",
    "ActivationCode",
    "Allergy",
    "Appointment",
    "AuditEntry",
    "AuditHead",
    "AuthSession",
    "AuthorKind",
    "Base",
    "Block",
    "CalendarFeed",
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
    "EnrolmentBatch",
    "Export",
    "ExportStatus",
    "Feedback",
    "HealthService",
    "HealthSpace",
    "HistoryKind",
    "Measurement",
    "MeasurementKind",
    "MedicalHistory",
    "Message",
    "MessageAttachment",
    "MessageKind",
    "MyProfessional",
    "Notice",
    "NoticeChannel",
    "Notification",
    "NotificationPreference",
    "Opposition",
    "OppositionChannel",
    "OrganDonation",
    "PracticeSite",
    "PreventionHidden",
    "PrivateNote",
    "Professional",
    "ProfileSection",
    "Reimbursement",
    "Representation",
    "RepresentationKind",
    "Role",
    "SandboxClock",
    "SecondFactor",
    "ServiceConsent",
    "Severity",
    "ShareCode",
    "Side",
    "SignInAttempt",
    "SpaceStatus",
    "StoredFile",
    "Thread",
    "ThreadRead",
    "Throttle",
    "Treatment",
    "Vaccination",
    "Wishes",
    "WorkshopSession",
]
