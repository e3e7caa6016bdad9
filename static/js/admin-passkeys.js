// After django-otp-webauthn's script has added a passkey, show the Security
// page again with it listed (and the server's message).
document.addEventListener("otp_webauthn.register_complete", () => {
  const page = document.querySelector("[data-after-passkey]");
  window.location.assign(page ? page.dataset.afterPasskey : window.location.href);
});
