// The programme form: choosing a kind pre-sets the goal it answers (KIND_GOAL), unless the
// user has chosen a goal of their own. Without JavaScript the service does the same on save.
(function () {
  "use strict";
  var data = document.getElementById("kind-goals");
  var kind = document.getElementById("id_kind");
  var goal = document.getElementById("id_goal");
  if (!data || !kind || !goal) return;
  var goals = JSON.parse(data.textContent);
  var chosenByHand = goal.value !== "" && goal.value !== goals[kind.value];
  goal.addEventListener("change", function () {
    chosenByHand = goal.value !== "" && goal.value !== goals[kind.value];
  });
  kind.addEventListener("change", function () {
    if (!chosenByHand && goals[kind.value]) goal.value = goals[kind.value];
  });
  if (goal.value === "" && goals[kind.value]) goal.value = goals[kind.value];
})();
