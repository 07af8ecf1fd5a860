import JetNetCore
