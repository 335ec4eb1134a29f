// The Streamlit component protocol, spoken by postMessage (no streamlit-component-lib,
// no build step). Streamlit sends {type: 'streamlit:render', args}; the component
// answers componentReady once, and sends its height and its value.
var zbStreamlit = (function () {
  function send(type, data) {
    var message = {isStreamlitMessage: true, type: type};
    Object.keys(data || {}).forEach(function (k) { message[k] = data[k]; });
    window.parent.postMessage(message, '*');
  }
  return {
    ready: function () { send('streamlit:componentReady', {apiVersion: 1}); },
    height: function (h) { send('streamlit:setFrameHeight', {height: h}); },
    value: function (v) { send('streamlit:setComponentValue', {value: v, dataType: 'json'}); },
    onRender: function (callback) {
      window.addEventListener('message', function (event) {
        var data = event.data;
        // Only the page that holds this frame speaks for Streamlit.
        if (event.source !== window.parent || !data || data.type !== 'streamlit:render') { return; }
        callback(data.args || {});
      });
    }
  };
})();
