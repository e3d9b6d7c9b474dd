// The main menu folds on a phone: a disclosure button (aria-expanded) shows and hides the
// list. The button is added only here, so without JavaScript the menu is simply unfolded.
(function () {
  "use strict";
  var nav = document.querySelector(".main-nav");
  var list = nav && nav.querySelector("ul");
  var button = nav && nav.querySelector(".menu-toggle");
  if (!list || !button) return;
  var narrow = window.matchMedia("(max-width: 40rem)");
  function set(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    list.hidden = !open;
  }
  function apply() {
    button.hidden = !narrow.matches;
    set(!narrow.matches);
  }
  button.addEventListener("click", function () {
    set(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && narrow.matches && !list.hidden) {
      set(false);
      button.focus();
    }
  });
  if (narrow.addEventListener) narrow.addEventListener("change", apply);
  apply();
})();
