/**
 * Every string of the built-in UI, English. Every other language is a complete copy with the
 * same keys (the type makes a missing key a compile error). `{x}` marks a placeholder.
 *
 * The keys under "Messages the server writes" are the server's own English words (the FDI
 * answers in English); lib/ui/i18n/server-messages.ts recognises them in an answer and shows
 * the chosen language's text instead. Keep them identical to the server's strings: a unit test
 * compares them.
 */
export const en = {
  // Sign-in and sign-up
  signInTitle: "Sign in",
  signUpTitle: "Sign up",
  newHere: "New here?",
  createAccount: "Create an account",
  haveAccount: "Already have an account?",
  signInInstead: "Sign in instead",
  email: "Email",
  password: "Password",
  forgotPassword: "Forgot password?",
  showPassword: "Show password",
  hidePassword: "Hide password",
  optional: "(optional)",
  wrongCredentials: "Incorrect email and password combination",
  general: "Something went wrong. Please try again.",
  javaScriptNeededSignIn: "JavaScript is needed to sign in. Please enable it and reload the page.",
  javaScriptNeededSignUp: "JavaScript is needed to sign up. Please enable it and reload the page.",
  javaScriptNeeded: "This page needs JavaScript. Please enable it and reload the page.",
  legalPrefix: "By signing up you agree to our",
  termsOfService: "Terms of Service",
  privacyPolicy: "Privacy Policy",
  and: "and",
  orContinueWith: "Or continue with",
  otherAccounts: "Sign in with another account",
  otherAccountsSignUp: "Sign up with another account",
  continueWith: "Continue with {provider}",

  // Password reset
  resetTitle: "Reset your password",
  resetIntro: "We will email you a link to choose a new password.",
  resetSubmit: "Email me a reset link",
  resetSentTitle: "Check your email",
  resetSentBody: "If an account exists for {email}, we sent it a link to reset the password. The link works once, for a limited time.",
  backToSignIn: "Back to sign in",
  newPasswordTitle: "Choose a new password",
  newPassword: "New password",
  confirmNewPassword: "Confirm the new password",
  passwordsDoNotMatch: "The passwords do not match",
  passwordResetDoneTitle: "Password changed",
  passwordResetDoneBody: "Your new password is set, and your other sessions were signed out.",
  linkExpiredTitle: "This link no longer works",
  linkExpiredBody: "It was used already, replaced by a newer link, or it expired.",
  sendNewLink: "Send me a new link",

  // Email verification
  verifyingEmail: "Verifying your email…",
  emailVerifiedTitle: "Email verified",
  emailVerifiedBody: "Thank you: your email address is confirmed.",
  continue: "Continue",
  somethingWentWrong: "Something went wrong",
  verifyFailedBody: "Your email could not be verified right now. Please try again.",
  checkingEmail: "Checking your email address…",
  verifyEmailTitle: "Verify your email",
  verifyEmailBody: "We sent a link to your email address. Open it to confirm the address is yours, then come back here.",
  newLinkSent: "We sent you a new link.",
  sendLinkAgain: "Send the link again",
  reloadPage: "Something went wrong. Please reload the page.",
  wrongAccount: "Wrong account?",

  // Third-party sign-in
  signingInWith: "Signing you in with {provider}…",
  signInWithFailed: "Signing in with {provider} failed",
  unknownProviderTitle: "Unknown sign-in provider",
  unknownProviderBody: "No provider called \u201c{id}\u201d is enabled here.",
  providerRefused: "{provider} did not sign you in ({error}).",
  noSignInInProgress:
    "No sign-in with {provider} is in progress in this browser: it expired, was already completed, or was started elsewhere. Please start again.",
  providerUnreachable: "The provider could not be reached. Please try again later.",
  providerFailed: "The provider's answer could not be used. Please start again.",

  // Account, sessions, sign-out, refresh
  accountTitle: "Your account",
  verification: "Verification",
  verified: "Verified",
  notVerified: "Not verified.",
  noEmail: "none",
  yourDevices: "Your signed-in devices",
  changePassword: "Change password",
  currentPassword: "Current password",
  currentPasswordWrong: "The current password is not right",
  passwordChanged: "Your password was changed, and your other devices were signed out.",
  signOut: "Sign out",
  signingOut: "Signing out…",
  sessionsTitle: "Your sessions",
  loadingSessions: "Loading your sessions…",
  sessionsLoadFailed: "Your sessions could not be loaded.",
  sessionRevokeFailed: "That session could not be signed out.",
  unknownDevice: "Unknown device",
  thisDevice: "(this device)",
  sessionDetails: "IP {ip} · signed in {createdAt} · last active {lastActiveAt}",
  unknownIp: "unknown",
  signOutThisDevice: "Sign out this device",
  signOutOtherDevices: "Sign out all other devices",
  refreshingSession: "Refreshing your session…",
  forbiddenTitle: "You don’t have access to this page",
  forbiddenBody:
    "Your account lacks the role this page needs. If you were just given it, it applies within a few minutes (at your session’s next refresh).",
  backToHome: "Back to the home page",

  // Messages the server writes (identical to the server's English; see above)
  fieldRequired: "Field is not optional",
  emailInvalid: "Email is invalid",
  passwordTooShort: "Password must contain at least {count} characters",
  passwordTooLong: "Password must contain at most {count} characters",
  passwordNeedsLetter: "Password must contain at least one alphabet",
  passwordNeedsDigit: "Password must contain at least one number",
  emailExists: "This email already exists. Please sign in instead.",
  commonPassword: "This password is too common. Please choose a less common one.",
  tooManyRequests: "Too many requests. Please try again in {seconds} seconds.",
  emailNotSent: "The email could not be sent. Please try again later.",
  serviceUnavailable: "Temporarily unavailable, try again shortly",
  noEmailFromProvider: "The provider did not share an email address with us, so we cannot sign you in with it.",
  linkingOff: "An account with this email already exists. Sign in the way you signed up.",
  providerUnverified:
    "An account with this email already exists, and the provider has not verified this email, so the two cannot be joined. Sign in the way you signed up.",
  existingUnverified:
    "An account with this email already exists but its email is not verified. Sign in to it (or reset its password) and verify the email first.",
};

export type Messages = typeof en;
