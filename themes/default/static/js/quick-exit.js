// "Exit this page": without JavaScript the button is a plain link to a neutral
// site. With it, the button and pressing Shift three times (within five seconds)
// replace this page in the browser's history, so Back does not return here, and
// blank the page at once. Progress is announced to screen readers, in the page's
// language when the box carries data-say-* words (pages in a language other than
// the site's main one), else in English.
(function () {
  'use strict';
  var box = document.querySelector('[data-quick-exit]');
  if (!box) return;
  var link = box.querySelector('a');
  var status = box.querySelector('[data-quick-exit-status]');
  var hint = box.querySelector('.quick-exit-hint');
  if (!link) return;
  if (hint) hint.hidden = false;
  var english = {
    sayLeaving: 'Leaving this page',
    sayLeftOne: 'Shift, press {left} more time to exit.',
    sayLeft: 'Shift, press {left} more times to exit.',
    sayExpired: 'Exit this page expired.'
  };
  function say(key, left) {
    if (status) status.textContent = (box.dataset[key] || english[key]).replace('{left}', String(left));
  }

  function leave(event) {
    if (event) event.preventDefault();
    say('sayLeaving');
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
    var left = 3 - presses;
    say(left === 1 ? 'sayLeftOne' : 'sayLeft', left);
    timer = window.setTimeout(function () {
      presses = 0;
      say('sayExpired');
    }, 5000);
  });
})();
