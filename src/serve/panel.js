// plainsite serve: the problem panels. Keeps the warning panel open or closed as
// the author left it, across reloads, and makes the "Copy path" buttons work.
// Only the preview server adds this script; `plainsite build` never puts it in the site.
(function () {
  var KEY = 'plainsite:warnings-open';
  var store = null;
  try {
    store = window.localStorage;
  } catch (e) {
    store = null;
  }
  var details = document.getElementById('plainsite-warnings');
  if (details) {
    var saved = store && store.getItem(KEY);
    if (saved === '1') details.open = true;
    if (saved === '0') details.open = false;
    details.addEventListener('toggle', function () {
      if (store) {
        try {
          store.setItem(KEY, details.open ? '1' : '0');
        } catch (e) {
          /* storage full or refused: the panel still works */
        }
      }
    });
  }
  var buttons = document.querySelectorAll('.plainsite-copy');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener('click', copy);
  }
  function copy(event) {
    var button = event.currentTarget;
    var text = button.getAttribute('data-copy') || '';
    var done = function () {
      button.firstChild.nodeValue = 'Copied';
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () {});
    }
  }
})();
