## The web chat page (for demonstrations and training).

web-title = Mohalla — community police helpline
web-placeholder = Type a message
web-send = Send
web-location = Share location
web-photo = Send photo
web-offline = Connection lost. Reconnecting…
web-busy = Too many messages at once. Yours will be sent in a moment; there is no need to type it again.
web-demo-note = Demonstration chat. In an emergency call { $police }.
web-not-sent = This message was not sent. Please try again.
