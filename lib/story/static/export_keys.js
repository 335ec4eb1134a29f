(function(){
  var steps = Array.prototype.slice.call(document.querySelectorAll('section.step'));
  function current(){
    var best = 0, y = window.scrollY + 10;
    steps.forEach(function(s, i){ if (s.offsetTop <= y) { best = i; } });
    return best;
  }
  document.addEventListener('keydown', function(e){
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    var d = {ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1}[e.key];
    if (!d) { return; }
    var i = Math.max(0, Math.min(steps.length - 1, current() + d));
    steps[i].scrollIntoView(); history.replaceState(null, '', '#' + steps[i].id);
    e.preventDefault();
  });
})();
