// roster web page: small enhancements; every page works without them.
// A day's start and end fields show only when its wish is a shift.
(function () {
  function sync(select) {
    var box = document.getElementById(select.getAttribute("data-times"));
    if (box) { box.hidden = select.value !== "shift"; }
  }
  function init(root) {
    root.querySelectorAll("select[data-times]").forEach(function (s) {
      sync(s);
      s.addEventListener("change", function () { sync(s); });
    });
    var problems = root.querySelector("#problems, #refused");
    if (problems) { problems.focus(); }
  }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
})();
