// "Exit this page": without JavaScript the button is a plain link to a neutral
// site. With it, the button and pressing Shift three times (within five seconds)
// replace this page in the browser's history, so Back does not return here, and
// blank the page at once. Progress is announced to screen readers.
(function () {
  'use strict';
  var box = document.querySelector('[data-quick-exit]');
  if (!box) return;
  var link = box.querySelector('a');
  var status = box.querySelector('[data-quick-exit-status]');
  var hint = box.querySelector('.quick-exit-hint');
  if (!link) return;
  if (hint) hint.hidden = false;

  function leave(event) {
    if (event) event.preventDefault();
    if (status) status.textContent = 'Leaving this page';
    document.body.classList.add('quick-exit-leaving');
    window.location.replace(link.href);
  }
  link.addEventListener('click', leave);

  var presses = 0;
  var timer = 0;
  function reset() {
    presses = 0;
    window.clearTimeout(timer);
  }
  document.addEventListener('keyup', function (event) {
    if (event.key !== 'Shift') {
      reset();
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    if (presses >= 3) {
      reset();
      leave();
      return;
    }
    if (status) {
      var left = 3 - presses;
      status.textContent = 'Shift, press ' + left + ' more ' + (left === 1 ? 'time' : 'times') + ' to exit.';
    }
    timer = window.setTimeout(function () {
      presses = 0;
      if (status) status.textContent = 'Exit this page expired.';
    }, 5000);
  });
})();
