// WebAuthn ceremonies for passkeys (docs/security.md, "Passkeys"). The server sends options
// as JSON with binary fields in base64url; the browser API wants ArrayBuffers, and the answer
// goes back as JSON with base64url again.
(function () {
  "use strict";

  function toBytes(text) {
    var b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) {
      b64 += "=";
    }
    var raw = atob(b64);
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) {
      out[i] = raw.charCodeAt(i);
    }
    return out.buffer;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer);
    var raw = "";
    for (var i = 0; i < bytes.length; i++) {
      raw += String.fromCharCode(bytes[i]);
    }
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function withBuffers(list) {
    return (list || []).map(function (item) {
      return Object.assign({}, item, { id: toBytes(item.id) });
    });
  }

  function csrfToken(root) {
    var input = root.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function post(root, url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(root) },
      body: JSON.stringify(body || {}),
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) {
          throw new Error(data.error || root.dataset.failed);
        }
        return data;
      });
    });
  }

  function showError(root, message) {
    var box = root.querySelector("[data-passkey-error]");
    if (box) {
      box.textContent = message || root.dataset.failed;
      box.hidden = false;
    }
  }

  // The credential as the server's library reads it: the common envelope around the
  // response fields of a registration or an assertion, binary values base64url-encoded.
  function credentialJSON(credential, response) {
    return {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      clientExtensionResults: credential.getClientExtensionResults
        ? credential.getClientExtensionResults()
        : {},
      response: Object.assign({ clientDataJSON: toText(credential.response.clientDataJSON) }, response),
    };
  }

  function registrationJSON(credential) {
    var response = credential.response;
    return credentialJSON(credential, {
      attestationObject: toText(response.attestationObject),
      transports: response.getTransports ? response.getTransports() : [],
    });
  }

  function assertionJSON(credential) {
    var response = credential.response;
    return credentialJSON(credential, {
      authenticatorData: toText(response.authenticatorData),
      signature: toText(response.signature),
      userHandle: response.userHandle ? toText(response.userHandle) : undefined,
    });
  }

  function supported(root) {
    if (window.PublicKeyCredential && navigator.credentials) {
      return true;
    }
    showError(root, root.dataset.unsupported);
    return false;
  }

  function register(form) {
    if (!supported(form)) {
      return;
    }
    var name = form.querySelector("[name=name]").value;
    post(form, form.dataset.optionsUrl)
      .then(function (options) {
        options.challenge = toBytes(options.challenge);
        options.user.id = toBytes(options.user.id);
        options.excludeCredentials = withBuffers(options.excludeCredentials);
        return navigator.credentials.create({ publicKey: options });
      })
      .then(function (credential) {
        return post(form, form.dataset.verifyUrl, {
          name: name,
          credential: registrationJSON(credential),
        });
      })
      .then(function (data) {
        window.location.assign(data.redirect);
      })
      .catch(function (error) {
        showError(form, error && error.name === "Error" ? error.message : form.dataset.failed);
      });
  }

  function login(root) {
    if (!supported(root)) {
      return;
    }
    post(root, root.dataset.optionsUrl)
      .then(function (options) {
        options.challenge = toBytes(options.challenge);
        options.allowCredentials = withBuffers(options.allowCredentials);
        return navigator.credentials.get({ publicKey: options });
      })
      .then(function (credential) {
        return post(root, root.dataset.verifyUrl, {
          next: root.dataset.next,
          credential: assertionJSON(credential),
        });
      })
      .then(function (data) {
        window.location.assign(data.redirect);
      })
      .catch(function (error) {
        showError(root, error && error.name === "Error" ? error.message : root.dataset.failed);
      });
  }

  document.querySelectorAll("form[data-passkey-register]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      register(form);
    });
  });

  document.querySelectorAll("[data-passkey-login]").forEach(function (root) {
    var button = root.querySelector("[data-passkey-start]");
    button.addEventListener("click", function () {
      login(root);
    });
  });
})();
