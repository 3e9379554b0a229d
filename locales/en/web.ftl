## The web chat page (for demonstrations and training).

web-title = Mohalla — community police helpline
web-placeholder = Type a message
web-send = Send
web-location = Share location
web-photo = Send photo
web-offline = Connection lost. Reconnecting…
web-demo-note = Demonstration chat. In an emergency call { $police }.
