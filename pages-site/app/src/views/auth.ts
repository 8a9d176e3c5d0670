/** Log in and sign up: one form, two modes. */
import { h } from "../dom";
import { ApiError } from "../http";
import { href } from "../router";
import { signIn } from "../session";
import type { View } from "./view";

const COPY = {
  login: {
    title: "Log in to Adam",
    lede: "Welcome back. Your numbers kept moving while you were away.",
    submit: "Log in",
    busy: "Logging in…",
    password: "current-password",
    other: ["New to Adam?", "Create an account", href.signup],
  },
  signup: {
    title: "Create your Adam account",
    lede: "Free to start: connect one TikTok account and see every video’s first hours.",
    submit: "Create account",
    busy: "Creating your account…",
    password: "new-password",
    other: ["Already have an account?", "Log in", href.login],
  },
} as const;

export const authView =
  (mode: "login" | "signup", onSignedIn: () => void): View =>
  (main) => {
    const copy = COPY[mode];
    const error = h("p", { class: "form-error", id: "auth-error", role: "alert" });
    const emailError = h("p", { class: "field-error", id: "email-error" });
    const passwordError = h("p", { class: "field-error", id: "password-error" });
    const email = h("input", {
      id: "email",
      name: "email",
      type: "email",
      autocomplete: "email",
      required: true,
      maxlength: 254,
      "aria-describedby": "email-error",
    });
    const password = h("input", {
      id: "password",
      name: "password",
      type: "password",
      autocomplete: copy.password,
      required: true,
      minlength: 10,
      maxlength: 256,
      "aria-describedby": mode === "signup" ? "password-hint password-error" : "password-error",
    });
    const submit = h("button", { class: "button button-primary", type: "submit" }, copy.submit);

    const setFieldError = (input: HTMLInputElement, out: HTMLElement, message: string) => {
      out.textContent = message;
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    };

    const form = h(
      "form",
      { class: "auth-form card", novalidate: true },
      h("div", { class: "field" }, h("label", { for: "email" }, "Email"), email, emailError),
      h(
        "div",
        { class: "field" },
        h("label", { for: "password" }, "Password"),
        password,
        mode === "signup" ? h("p", { class: "field-hint", id: "password-hint" }, "At least 10 characters.") : null,
        passwordError,
      ),
      error,
      submit,
    );

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      error.textContent = "";
      setFieldError(email, emailError, email.validity.valid ? "" : "Enter your email address.");
      setFieldError(
        password,
        passwordError,
        password.validity.valid ? "" : mode === "signup" ? "Use at least 10 characters." : "Enter your password.",
      );
      const invalid = [email, password].find((i) => !i.validity.valid);
      if (invalid) return invalid.focus();
      submit.disabled = true;
      submit.textContent = copy.busy;
      try {
        await signIn(mode, email.value, password.value);
        onSignedIn();
      } catch (e) {
        submit.disabled = false;
        submit.textContent = copy.submit;
        if (!(e instanceof ApiError)) throw e;
        if (e.status === 401) error.textContent = "That email and password don’t match. Try again.";
        else if (e.status === 409) {
          error.replaceChildren(
            "An account with this email already exists. ",
            h("a", { href: href.login }, "Log in instead"),
            ".",
          );
        } else if (e.status === 429) {
          const minutes = Math.max(1, Math.ceil(e.retryAfterSeconds / 60));
          error.textContent = `Too many attempts. For your safety, please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`;
        } else if (e.details.length) {
          for (const d of e.details) {
            if (d.path?.endsWith("email")) setFieldError(email, emailError, `Email ${d.message}.`);
            if (d.path?.endsWith("password")) setFieldError(password, passwordError, `Password ${d.message}.`);
          }
        } else error.textContent = e.message;
        (form.querySelector("[aria-invalid=true]") as HTMLElement | null)?.focus();
      }
    });

    main.append(
      h(
        "section",
        { class: "auth" },
        h("h1", { tabindex: -1 }, copy.title),
        h("p", { class: "muted" }, copy.lede),
        form,
        h("p", { class: "auth-other" }, `${copy.other[0]} `, h("a", { href: copy.other[2] }, copy.other[1])),
      ),
    );
    document.title = `${copy.title} — Adam`;
  };
