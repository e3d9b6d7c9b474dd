// The citizen form (its map picker is map-picker.js): solve the proof-of-work challenge
// (ALTCHA v1: find n with SHA-256(salt + n) == challenge) in the background, so bots pay in
// CPU time and people see no puzzle.
(function () {
  "use strict";
  // The survey form (data-altcha-form) shares this proof of work.
  var form = document.getElementById("report-form") || document.querySelector("[data-altcha-form]");
  if (!form) return;
  var field = form.querySelector("input[name=altcha]");
  var status = document.getElementById("pow-status");
  var challenge = JSON.parse(document.getElementById("altcha-challenge").textContent);
  var solved = null;

  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }
  async function solve() {
    var enc = new TextEncoder();
    for (var n = 0; n <= challenge.maxNumber; n++) {
      var digest = await crypto.subtle.digest("SHA-256", enc.encode(challenge.salt + n));
      if (hex(digest) === challenge.challenge) return n;
    }
    return null;
  }
  if (window.crypto && crypto.subtle && field) {
    solved = solve().then(function (n) {
      if (n === null) return;
      field.value = btoa(JSON.stringify({
        algorithm: challenge.algorithm, challenge: challenge.challenge, number: n,
        salt: challenge.salt, signature: challenge.signature
      }));
    });
    form.addEventListener("submit", function (event) {
      if (field.value) return;
      event.preventDefault();
      status.textContent = "Kontrollerar att du inte är en robot …";
      solved.then(function () { form.submit(); });
    });
  }
})();
