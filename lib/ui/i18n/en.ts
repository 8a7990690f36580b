/**
 * The built-in sign-in/up UI's strings, English. Every other language is a complete copy with
 * the same keys (the type makes a missing key a compile error). `{x}` marks a placeholder.
 */
export const en = {
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
  legalPrefix: "By signing up you agree to our",
  termsOfService: "Terms of Service",
  privacyPolicy: "Privacy Policy",
  and: "and",
  orContinueWith: "Or continue with",
  otherAccounts: "Sign in with another account",
  continueWith: "Continue with {provider}",
};

export type Messages = typeof en;
