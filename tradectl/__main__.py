from tradectl.main import app

app(prog_name="tradectl")
