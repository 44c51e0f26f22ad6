// Passkeys for the weblogin screens, in plain JavaScript with no build step.
// Sign-in: the passkey form carries Cognito's CREDENTIAL_REQUEST_OPTIONS;
// the browser signs its challenge (navigator.credentials.get) and the form
// posts the assertion's JSON. Registration: the signed-in page's button gets
// creation options from the server, has the browser create a passkey
// (navigator.credentials.create) and posts it back.
(function () {
  "use strict";

  function fail(id, err) {
    var el = document.getElementById(id);
    if (!el) { return; }
    el.textContent = err && err.name === "NotAllowedError"
      ? "The passkey was not used. Try again, or cancel to sign in another way."
      : "Your browser could not use a passkey: " + (err && err.message ? err.message : err);
    el.hidden = false;
  }

  var form = document.getElementById("passkey-form");
  if (form) {
    form.addEventListener("submit", function (ev) {
      var field = document.getElementById("credential");
      if (field.value) { return; }
      ev.preventDefault();
      var publicKey;
      try {
        publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(JSON.parse(form.dataset.requestOptions));
      } catch (err) {
        fail("passkey-error", err);
        return;
      }
      navigator.credentials.get({ publicKey: publicKey }).then(function (cred) {
        field.value = JSON.stringify(cred.toJSON());
        form.submit();
      }, function (err) { fail("passkey-error", err); });
    });
  }

  var register = document.getElementById("passkey-register");
  if (register) {
    register.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var csrf = register.querySelector("input[name=csrf]").value;
      var status = document.getElementById("passkey-status");
      fetch(register.dataset.options, { method: "POST", headers: { "X-CSRF-Token": csrf } })
        .then(function (res) { return res.ok ? res.json() : Promise.reject(new Error("HTTP " + res.status)); })
        .then(function (body) {
          var publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(body.options);
          return navigator.credentials.create({ publicKey: publicKey });
        })
        .then(function (cred) {
          return fetch(register.action, {
            method: "POST",
            headers: { "X-CSRF-Token": csrf, "Content-Type": "application/json" },
            body: JSON.stringify({ credential: cred.toJSON() })
          });
        })
        .then(function (res) { return res.ok ? res.json() : Promise.reject(new Error("HTTP " + res.status)); })
        .then(function () {
          status.textContent = "Your passkey is registered. Next time, sign in with it.";
          status.hidden = false;
        }, function (err) { fail("passkey-register-error", err); });
    });
  }
}());
