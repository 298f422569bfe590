// plainsite serve: reloads this page when the site is rebuilt. Only the preview
// server adds this script; `plainsite build` never puts it in the site.
(function () {
  var me = document.currentScript;
  var since = (me && me.getAttribute('data-generation')) || '0';
  var events = new EventSource('/__plainsite/events?since=' + encodeURIComponent(since));
  events.addEventListener('reload', function () {
    location.reload();
  });
  events.addEventListener('css', function (e) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href, location.href);
      url.searchParams.set('plainsite', e.data || String(Date.now()));
      links[i].href = url.href;
    }
  });
})();
