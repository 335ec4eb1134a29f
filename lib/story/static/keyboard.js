// Presenter view: arrow keys and presenter clickers (they send Page Up / Page Down)
// click the step buttons. Runs in a same-origin component frame and acts on the
// Streamlit page around it. keys: key name -> Streamlit key of the button it clicks.
function zbStepKeys(keys) {
  var win = window.parent, doc = win.document;
  // Kept on the page's window, so a rerun replaces the handler instead of adding one.
  if (win.__zbStepKeys) { doc.removeEventListener('keydown', win.__zbStepKeys); }
  win.__zbStepKeys = function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.repeat) { return; }
    var t = e.target;
    // Keys typed into a field are the reader's, not the presenter's.
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) { return; }
    var key = Object.prototype.hasOwnProperty.call(keys, e.key) ? keys[e.key] : null;
    if (!key) { return; }
    var button = doc.querySelector('.st-key-' + key + ' button');
    if (button && !button.disabled) { e.preventDefault(); button.click(); }
  };
  doc.addEventListener('keydown', win.__zbStepKeys);
}
