"""The "Besoin d'aide ?" text of every page: what the page is for and what to do, in plain
French. One entry per page endpoint; a test checks that no page is left without one."""

from __future__ import annotations

from flask import request

# Error pages and anything not listed (a test keeps this for errors only).
FALLBACK = (
    "Si cette page ne correspond pas à ce que vous cherchiez, revenez à l'accueil avec le "
    "lien « Espace santé » en haut de la page."
)

HELP: dict[str, str] = {
    # Public pages
    "pages.home": (
        "Espace santé réunit vos documents médicaux et vos échanges avec vos professionnels "
        "de santé. Pour entrer, choisissez « Se connecter ». Si vous avez reçu un courrier "
        "avec un code, choisissez « Activer mon espace santé avec le code reçu »."
    ),
    "pages.accessibility": (
        "Cette page dit ce qui est accessible dans le service et ce qui ne l'est pas encore. "
        "Si vous n'arrivez pas à utiliser une page, écrivez-nous : nous vous aiderons."
    ),
    "pages.legal_notice": "Cette page dit qui publie le service et qui l'héberge.",
    "pages.personal_data": (
        "Cette page explique quelles données sont gardées, pourquoi, combien de temps, et "
        "comment exercer vos droits."
    ),
    "auth.sign_in": (
        "Saisissez l'adresse e-mail et le mot de passe choisis à l'activation de votre "
        "espace. Pas encore activé : utilisez le code reçu par courrier, depuis l'accueil."
    ),
    "auth.code": (
        "Saisissez le code à 6 chiffres reçu par e-mail ou affiché dans votre application "
        "d'authentification. Le code change souvent : prenez le plus récent."
    ),
    # Activation and opposition
    "activation.start": (
        "Pour activer votre espace, gardez près de vous le courrier reçu : le code "
        "d'activation est en haut à droite. Votre carte Vitale donne votre numéro de "
        "sécurité sociale."
    ),
    "activation.identity": (
        "Saisissez le code du courrier, votre numéro de sécurité sociale (15 chiffres, sur la "
        "carte Vitale) et votre date de naissance."
    ),
    "activation.email": (
        "Saisissez l'adresse e-mail où vous recevrez les avis de nouveaux documents et les "
        "codes de connexion."
    ),
    "activation.password": (
        "Choisissez un mot de passe d'au moins 12 caractères, facile à retenir pour vous "
        "(par exemple une phrase), que vous n'utilisez nulle part ailleurs."
    ),
    "activation.confirm": "Relisez vos réponses, puis confirmez pour ouvrir votre espace.",
    "activation.new_code": (
        "Code perdu ou expiré : donnez votre numéro de sécurité sociale et votre date de "
        "naissance ; un nouveau code est envoyé à l'adresse connue de l'Assurance Maladie."
    ),
    "activation.new_code_sent": (
        "Votre demande est enregistrée. Le nouveau code arrive par e-mail ou par courrier, "
        "selon les coordonnées connues."
    ),
    "opposition.start": (
        "Vous pouvez refuser la création de votre espace santé pendant le délai indiqué sur "
        "le courrier. Gardez le courrier près de vous : il porte le code demandé."
    ),
    "opposition.identity": (
        "Saisissez le code du courrier, votre numéro de sécurité sociale et votre date de "
        "naissance pour vous opposer."
    ),
    "opposition.confirm": (
        "Lisez ce que signifie l'opposition, puis confirmez. Vous pourrez toujours créer "
        "votre espace plus tard."
    ),
    "opposition.done": "Votre opposition est enregistrée. Vous n'avez plus rien à faire.",
    "opposition.window_passed": (
        "Le délai pour s'opposer est passé : votre espace est ouvert. Vous pouvez le fermer "
        "à tout moment depuis l'espace lui-même."
    ),
    # The holder's space
    "dashboard.index": (
        "Le tableau de bord résume votre espace : nouveaux documents, messages, prochains "
        "rendez-vous. Le menu en haut mène à chaque partie."
    ),
    "documents.index": (
        "Voici vos documents de santé, les plus récents d'abord. Utilisez les filtres pour "
        "en retrouver un, ou « Ajouter un document » pour en déposer un."
    ),
    "documents.detail": (
        "Vous pouvez ouvrir le document, le masquer aux professionnels ou le supprimer. "
        "Masquer ne le supprime pas : vous pouvez le rendre visible ensuite."
    ),
    "documents.upload": (
        "Choisissez un fichier PDF, JPEG ou PNG de 5 Mo au plus, donnez-lui un titre et une "
        "catégorie, puis ajoutez-le."
    ),
    "documents.delete": (
        "Supprimer un document est définitif. Pour seulement le cacher aux professionnels, "
        "masquez-le plutôt."
    ),
    "profile.index": (
        "Votre profil médical rassemble ce qui aide un soignant : allergies, traitements, "
        "vaccinations, mesures, volontés. Chaque partie se remplit séparément."
    ),
    "profile.items": "Ajoutez, modifiez ou supprimez les éléments de cette partie du profil.",
    "profile.add": "Remplissez les champs, puis enregistrez. Les champs facultatifs le disent.",
    "profile.edit": "Modifiez ce qui a changé, puis enregistrez.",
    "profile.delete": "Confirmez pour retirer cet élément de votre profil.",
    "profile.measurements": (
        "Suivez votre poids, votre tension ou votre glycémie. Choisissez une mesure pour "
        "voir son historique ou en ajouter une."
    ),
    "profile.measurement_series": "L'historique de cette mesure, la plus récente d'abord.",
    "profile.measurement_add": "Saisissez la valeur et la date de la mesure.",
    "profile.measurement_edit": "Corrigez la valeur ou la date, puis enregistrez.",
    "profile.measurement_delete": "Confirmez pour retirer cette mesure.",
    "profile.notes": "Vos notes personnelles : vous seul les voyez.",
    "profile.note_add": "Écrivez votre note, puis enregistrez.",
    "profile.note_edit": "Modifiez votre note, puis enregistrez.",
    "profile.note_delete": "Confirmez pour supprimer cette note.",
    "profile.professionals": "Les professionnels qui vous suivent, pour les retrouver vite.",
    "profile.professional_add": "Cherchez le professionnel par son nom, puis ajoutez-le.",
    "profile.professional_remove": "Confirmez pour retirer ce professionnel de la liste.",
    "profile.wishes": (
        "Vos volontés : don d'organes, directives anticipées, personne de confiance. Vous "
        "pouvez les changer à tout moment."
    ),
    "profile.wishes_edit": "Modifiez vos volontés, puis enregistrez.",
    "reimbursements.index": (
        "L'historique des soins remboursés par l'Assurance Maladie. Vous pouvez masquer une "
        "ligne aux professionnels."
    ),
    "agenda.index": (
        "Vos prochains rendez-vous. Ajoutez-en un, ou ouvrez-en un pour le modifier, "
        "l'annuler ou l'ajouter à votre calendrier."
    ),
    "agenda.past": "Vos rendez-vous passés, les plus récents d'abord.",
    "agenda.add": (
        "Saisissez le jour, le mois et l'année en chiffres (par exemple 14 3 2027), l'heure, "
        "puis le lieu ou le professionnel."
    ),
    "agenda.change": "Modifiez ce qui a changé, puis enregistrez.",
    "agenda.cancel": "Confirmez pour annuler ce rendez-vous.",
    "agenda.detail": "Le détail du rendez-vous. Vous pouvez le modifier ou l'annuler.",
    "agenda.feeds_page": (
        "Une adresse secrète permet à votre calendrier de téléphone d'afficher vos "
        "rendez-vous. Retirez-la si vous ne l'utilisez plus."
    ),
    "agenda.prevention_page": (
        "Les vaccins et examens recommandés selon l'âge. Vous pouvez masquer ce qui ne vous "
        "concerne pas."
    ),
    "agenda.pro_add": "Proposez un rendez-vous à votre patient : il en sera averti.",
    "messaging.inbox": (
        "Vos échanges avec vos professionnels de santé, les non lus d'abord. Ouvrez une "
        "conversation pour la lire et répondre."
    ),
    "messaging.thread": (
        "Lisez les messages, puis répondez en bas de la page. Une pièce jointe peut être "
        "enregistrée dans vos documents."
    ),
    "messaging.new": "Choisissez le destinataire, écrivez un objet et votre message, puis envoyez.",
    "messaging.find": "Cherchez un mot dans vos messages.",
    "messaging.close": "Indiquez pourquoi la conversation est close : la personne le verra.",
    "messaging.renew": (
        "Demandez à votre médecin traitant de renouveler cette ordonnance. Il vous répondra "
        "dans la messagerie."
    ),
    "notifications.index": "Ce qui s'est passé dans votre espace, le plus récent d'abord.",
    "notifications.preferences": "Choisissez ce que vous recevez par e-mail.",
    "activity.index": (
        "Toutes les consultations et modifications de votre espace : qui, quoi, quand. Si une "
        "ligne vous surprend, bloquez ce professionnel dans « Confidentialité »."
    ),
    "privacy.index": (
        "Décidez qui peut voir votre espace : professionnels autorisés, documents masqués, "
        "accès en urgence, code de partage."
    ),
    "privacy.professionals": (
        "Les professionnels qui peuvent voir votre espace. Vous pouvez en bloquer un à tout moment."
    ),
    "privacy.remove_member": "Confirmez pour retirer l'accès de ce professionnel.",
    "privacy.documents_list": "Les documents que vous avez masqués aux professionnels.",
    "privacy.consents": "Choisissez si un soignant peut ouvrir votre espace en cas d'urgence.",
    "privacy.gp": "Votre médecin traitant voit tout votre espace, même les documents masqués.",
    "privacy.share_code": (
        "Créez un code à donner à un professionnel pour qu'il voie votre espace. Le code "
        "expire vite et ne sert qu'une fois."
    ),
    "representatives.index": (
        "Les espaces que vous gérez (un enfant, un proche) et les personnes qui peuvent voir "
        "le vôtre. Le nom de l'espace géré est toujours affiché en haut."
    ),
    "catalogue.index": (
        "Des applications de santé référencées, à relier à votre espace si vous le voulez."
    ),
    "catalogue.detail": "Ce que fait ce service et les données qu'il pourrait voir.",
    "catalogue.grant": "Confirmez pour autoriser ce service à voir les données indiquées.",
    "catalogue.revoke": "Confirmez pour retirer l'autorisation de ce service.",
    "directory.index": "Cherchez un professionnel de santé par nom, métier ou ville.",
    "directory.detail": "Les coordonnées du professionnel et ses lieux d'exercice.",
    "directory.declare_gp": "Confirmez pour indiquer ce médecin comme votre médecin traitant.",
    "closure.index": (
        "Fermer votre espace, le rouvrir ou demander la suppression de vos données. Chaque "
        "choix est expliqué avant confirmation."
    ),
    "closure.close": "Lisez ce que la fermeture change, puis confirmez si vous le voulez.",
    "closure.deletion": "Demandez la suppression définitive : elle est faite sous 90 jours.",
    "export.index": (
        "Demandez une copie de toutes vos données. Vous serez averti quand elle sera prête ; "
        "le lien reste valable 7 jours."
    ),
    "account.index": "Votre adresse e-mail, votre mot de passe et votre moyen de connexion.",
    "account.authenticator": (
        "Scannez le code avec votre application, puis saisissez le code qu'elle affiche."
    ),
    "account.remove_authenticator": "Confirmez pour revenir aux codes reçus par e-mail.",
    # Professionals
    "pro.index": "Cherchez un patient par son numéro de sécurité sociale et sa date de naissance.",
    "pro.patient": "Le dossier du patient, dans la limite de ce que votre métier permet de voir.",
    "pro.profile": "Le profil médical du patient : allergies, traitements, vaccinations.",
    "pro.document": "Le détail du document et le lien pour l'ouvrir.",
    "pro.deposit": "Déposez un document dans l'espace du patient : il en sera averti.",
    "pro.care_episode": "Déclarez que vous prenez en charge ce patient pour voir son espace.",
    "pro.emergency_start": "L'accès en urgence est réservé à une urgence réelle et tracé.",
    "pro.emergency_confirm": "Donnez la raison de l'accès en urgence : le patient la verra.",
    # Operators
    "desk.index": "Les chiffres des espaces par état et département, et les tâches du jour.",
    "desk.letters_to_print": "Imprimez les courriers : un par page, l'adresse dans la fenêtre.",
    "desk.lookup": "Retrouvez une personne par son numéro de sécurité sociale.",
    "desk.paper_opposition": "Enregistrez une opposition reçue par courrier.",
    "desk.death": "Enregistrez un décès : l'espace est fermé.",
    # Workshops and feedback
    "feedback.give": (
        "Dites-nous ce que vous vouliez faire et ce qui a été difficile. N'écrivez aucune "
        "information sur votre santé."
    ),
    "feedback.answers": "Les avis reçus, par séance et par page. Exportez-les pour la synthèse.",
    "workshop.personas_page": (
        "Choisissez une personne fictive pour essayer le service à sa place. Vous pouvez en "
        "changer à tout moment avec le lien du bandeau."
    ),
    "workshop.join": "Saisissez le code donné par l'animateur de l'atelier.",
    "workshop.index": (
        "Créez une séance d'atelier, donnez son code aux participants, et avancez la date "
        "pour montrer ce qui arrive avec le temps."
    ),
    "workshop.detail": "Le code de la séance, son scénario et les avis reçus.",
    "workshop.reset": "Confirmez pour revenir aux données de démonstration et à la date du jour.",
}

# Not pages: files, feeds, fragments and health checks.
NOT_PAGES = frozenset(
    {
        "agenda.export",
        "agenda.feed",
        "assets.favicon",
        "assets.static_file",
        "documents.file",
        "export.download",
        "feedback.answers_csv",
        "messaging.attachment",
        "messaging.unread",
        "pages.healthz",
        "pro.file",
    }
)


def help_text(error_page: bool = False) -> str:
    """An error page says the same whatever the URL (a 403 looks exactly like a 404)."""
    return FALLBACK if error_page else HELP.get(request.endpoint or "", FALLBACK)
