(function(id){ var n = 0; (function go(){ var el = window.parent.document.getElementById(id); if (el) { el.scrollIntoView({block: 'center'}); } else if (n++ < 40) { setTimeout(go, 100); } })(); })
