import type { organizationsEn } from "./organizations-en";

/** German for lib/i18n/organizations-en.ts; spread into `de`. */
export const organizationsDe: typeof organizationsEn = {
  // Der Umschalter in der Kopfzeile
  navOrganizations: "Organisationen",
  orgSwitcherLabel: "Organisation",
  orgPersonal: "Persönlich",
  orgSwitchFailed: "Die Organisation konnte nicht gewechselt werden. Bitte versuchen Sie es erneut.",

  // Rollen in einer Organisation
  orgRoleOwner: "Inhaber",
  orgRoleAdmin: "Verwalter",
  orgRoleMember: "Mitglied",

  // Die Seite des Einladungslinks
  acceptTitle: "{organization} beitreten",
  acceptInvited: "{email} ist eingeladen, {organization} als {role} beizutreten.",
  acceptSignInFirst: "Melden Sie sich zum Annehmen mit {email} an oder erstellen Sie damit ein Konto. Danach kommen Sie hierher zurück.",
  acceptCreateAccount: "Konto erstellen",
  acceptSignIn: "Anmelden",
  acceptJoin: "{organization} als {role} beitreten",
  acceptJoined: "Sie sind {organization} beigetreten.",
  acceptNotOpenTitle: "Diese Einladung gilt nicht mehr",
  acceptNotOpen: "Sie wurde schon benutzt, zurückgezogen oder ist abgelaufen. Bitten Sie um eine neue.",
  acceptWrongAccount: "Diese Einladung gilt einer anderen E-Mail-Adresse. Melden Sie sich zum Annehmen mit der eingeladenen Adresse an.",
  acceptEmailMismatch:
    "Sie sind als {email} angemeldet, die Einladung gilt aber {invited}. Melden Sie sich ab, öffnen Sie den Link erneut und melden Sie sich mit der eingeladenen Adresse an.",

  // Meine Organisationen
  orgsTitle: "Ihre Organisationen",
  orgsNone: "Sie gehören noch keiner Organisation an.",
  orgsYourRole: "Ihre Rolle: {role}",
  orgsActive: "aktiv",
  orgCreateTitle: "Organisation gründen",
  orgName: "Name",
  orgSlug: "Kurzname",
  orgSlugHint:
    "3 bis 63 Kleinbuchstaben, Ziffern und Bindestriche, beginnend mit einem Buchstaben. Er steht für die Organisation in Adressen und lässt sich nicht ändern.",
  orgCreate: "Organisation gründen",
  orgSlugInvalid: "Verwenden Sie 3 bis 63 Kleinbuchstaben, Ziffern und Bindestriche, mit einem Buchstaben vorn und ohne Bindestrich am Ende.",
  orgSlugReserved: "Dieser Kurzname ist reserviert. Bitte wählen Sie einen anderen.",
  orgNameInvalid: "Bitte geben Sie einen Namen mit höchstens 100 Zeichen ein, ohne Steuer- oder Schreibrichtungszeichen.",
  orgExists: "Dieser Kurzname ist vergeben. Bitte wählen Sie einen anderen.",

  // Eine Organisation
  orgAllOrganizations: "← Ihre Organisationen",
  orgMembersTitle: "Mitglieder",
  orgYou: "{email} (Sie)",
  orgRoleOf: "Rolle von {email}",
  orgChangeRole: "Rolle ändern",
  orgRemoveMember: "Entfernen",
  orgInviteTitle: "Jemanden einladen",
  orgInviteRole: "Rolle",
  orgInvite: "Einladung senden",
  orgInvited: "Einladung an {email} gesendet.",
  orgInvitationsTitle: "Offene Einladungen",
  orgNoInvitations: "Keine offenen Einladungen.",
  orgInvitationLine: "{email} als {role}, gültig bis {date}",
  orgRevoke: "Zurückziehen",
  orgSettingsLink: "Einstellungen der Organisation",
  orgLeaveTitle: "Austreten",
  orgLeaveBody: "Sie verlieren den Zugang zu {organization}. Für eine Rückkehr muss Sie jemand erneut einladen.",
  orgLeave: "Aus {organization} austreten",
  orgTransferTitle: "Inhaberschaft übertragen",
  orgTransferBody: "Der neue Inhaber übernimmt {organization}; Sie bleiben Verwalter.",
  orgTransferTo: "Neuer Inhaber",
  orgTransfer: "Inhaberschaft übertragen",
  orgDeleteTitle: "Organisation löschen",
  orgDeleteBody:
    "Löscht {organization} mit allen Mitgliedschaften und Einladungen. Die Konten der Mitglieder bleiben. Das lässt sich nicht rückgängig machen.",
  orgDeleteConfirm: "Geben Sie zur Bestätigung {slug} ein",
  orgDelete: "Organisation löschen",
  orgNotAllowed: "Ihre Rolle in dieser Organisation erlaubt das nicht.",
  orgMemberIsOwner: "Der Inhaber kann weder geändert noch entfernt werden noch austreten: Übertragen Sie zuerst die Inhaberschaft.",
  orgNotAMember: "Diese Person ist kein Mitglied mehr.",
  orgEmailDomainNotAllowed: "Diese Organisation nimmt keine Adressen dieser Domain an.",
  orgConfirmationMismatch: "Die Eingabe ist nicht der Kurzname der Organisation.",
  orgGone: "Diese Organisation gibt es nicht mehr, oder Sie sind kein Mitglied mehr.",
  orgSignInRequired:
    "Diese Organisation lässt nur ihre eigenen Anmeldeverfahren zu (etwa ihr Single Sign-on). Melden Sie sich ab und mit einem davon wieder an, um zu ihr zu wechseln.",

  // Das rollengeschützte Beispiel
  orgSettingsTitle: "Einstellungen von {organization}",
  orgSettingsBody: "Nur der Inhaber und die Verwalter von {organization} erreichen diese Seite, solange sie ihre aktive Organisation ist.",
  orgSettingsSlug: "Kurzname",
  orgSettingsYourRole: "Ihre Rolle",

  // Admin-Bereich
  adminNavigation: "Bereiche der Verwaltung",
  adminNavUsers: "Benutzer",
  adminNavOrganizations: "Organisationen",
  adminOrganizationsTitle: "Organisationen",
  adminNoOrganizations: "Noch keine Organisationen.",
  adminOrganizationsRange: "Organisationen {first} bis {last}",
  adminOrgSlug: "Kurzname",
  adminOrgName: "Name",
  adminOrgMembers: "Mitglieder",
  adminOrgCreated: "Gegründet",
  adminPagesOfOrganizations: "Seiten der Organisationen",
  adminFirstPage: "Erste Seite",
  adminAllOrganizations: "← Alle Organisationen",
  adminOrgLoginMethods: "Anmeldemethoden",
  adminOrgAsPublic: "wie der öffentliche Mandant",
  adminOrgFactorsNotEnforced:
    "Der verlangte zweite Faktor wird nicht durchgesetzt: MFA ist in der Konfiguration aus (mfa). Schalten Sie MFA ein oder entfernen Sie requiredSecondaryFactors.",
  adminOrgMembersCount: "Mitglieder ({count})",
  adminOrgMissing: "Diese Organisation gibt es nicht (mehr).",
  adminOrgRemoveMember: "Entfernen",
  adminOrgRemoveConfirm: "Ja, {member} entfernen",
  adminOrgRemoveNote: "Die Sitzungen in dieser Organisation enden.",
  adminOrgActions: "Aktionen",
};
