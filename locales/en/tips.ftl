## Safety tips. Each tip is practical advice against the street crimes most reported in Karachi.

tips-topic = Which safety tips would you like?
tips-topic-phone = Mobile phone snatching
tips-topic-street = Street robbery
tips-topic-vehicle = Car and motorcycle theft or snatching
tips-topic-home = Safety at home
tips-topic-cash = Cash and ATMs
tips-topic-harassment = Harassment
tips-topic-fraud = Phone and online fraud
tips-topic-my-area = What is reported in my area

tips-area = Which area?
tips-area-quiet = No reports from { $area } in the last 90 days. Pick a topic for general tips.
tips-area-trend = In { $area }, the crime reported most in the last 90 days is: { $top_category } ({ $top_count ->
        [one] 1 report
       *[other] { $top_count } reports
    }).

tips-phone =
    Against phone snatching:
    1. Don't use your phone at the roadside, at a signal or at a bus stop; step into a shop if you must take a call.
    2. Keep it in a front or inside pocket, never in a back pocket or in your hand on a motorcycle.
    3. Dial *#06# and write down your IMEI numbers. If the phone is snatched, give them to the police so it can be blocked through PTA.
    4. Turn on a screen lock and "Find my device", so you can lock or erase a stolen phone.

tips-street =
    If you are robbed:
    1. Never resist an armed robber. Hand over what they ask; no phone or wallet is worth your life.
    2. Carry only the cash you need for the day.
    3. Be alert when two men on a motorcycle slow down near you, especially at signals and quiet lanes.
    4. Afterwards, note the motorcycle, clothes and direction they went, and call { $police } at once.

tips-vehicle =
    Against car and motorcycle theft and snatching:
    1. If armed men stop you, hand over the keys and step away. No car or motorcycle is worth your life.
    2. Use a steering lock, or a disc or chain lock on your motorcycle, even for five minutes.
    3. Park where it is lit and guarded; never leave the key in it or the engine running.
    4. A tracker helps the police recover stolen vehicles. Keep registration papers at home, not in the vehicle.
    5. If it is stolen or snatched, call { $police } and CPLC ({ $cplc }) straight away: vehicles reported early are recovered more often.

tips-home =
    At home:
    1. Check who is at the door before you open it, even for "delivery" or "meter reading". Ask for ID.
    2. Put grilles and good locks on doors and windows, and keep an outside light on at night.
    3. Don't announce on social media that your house is empty; ask a trusted neighbour to keep watch.
    4. Know your neighbours: a street WhatsApp group can warn everyone quickly.

tips-cash =
    Cash and ATMs:
    1. Use ATMs inside banks or shopping centres, in daylight, and cover the keypad with your hand.
    2. Robbers watch people leaving banks. After a big withdrawal don't go straight home alone; better, pay by bank transfer.
    3. If someone offers to "help" at an ATM, cancel and walk away.

tips-harassment =
    Harassment:
    1. If you are followed or harassed in the street, go into a shop or a crowded place and call { $police }.
    2. Online: don't reply, take screenshots of the messages and the number or profile, then block and report it.
    3. Tell someone you trust. You can also ask here to talk to an officer.

tips-fraud =
    Phone and online fraud:
    1. Banks, Easypaisa, JazzCash and BISP never ask for your PIN, OTP or any code. Hang up, then call your bank or wallet yourself on the helpline number in its app or on its website.
    2. "You have won a prize" or "your SIM will be blocked" messages are scams, and BISP sends messages only from 8171. Never share a code you receive.
    3. A relative "in trouble" asking for money urgently? Call them back on their usual number first.

tips-more = Anything else?
tips-another = Tips on another topic
tips-back-to-menu = Back to the menu
