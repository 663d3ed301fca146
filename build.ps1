# PowerShell twin of the README's commands: `./build.ps1 demo` or `./build.ps1 test`.
param([ValidateSet('demo', 'test', 'build')][string]$Task = 'build')
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
switch ($Task) {
    'demo' { dotnet run --project src/Cli -c Release -- demo }
    'test' { bash tests/setup.sh; if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }; dotnet test Jit.sln -c Release }
    'build' { dotnet build Jit.sln -c Release }
}
exit $LASTEXITCODE
