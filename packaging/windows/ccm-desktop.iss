; Inno Setup script for ccm-desktop on Windows. A RECIPE NOT YET RUN: nothing here has been built
; or installed on Windows (see README, "Installing without Python").
;
; Input: dist\ccm-desktop\ from `pyinstaller --noconfirm packaging\ccm-desktop.spec` on Windows
; (it holds ccm-desktop.exe for the command line and ccm-desktop-window.exe for the start menu).
; Build:  iscc /DAppVersion=0.1.0 packaging\windows\ccm-desktop.iss
; Output: dist\ccm-desktop-<version>-windows-setup.exe
;
; Per-user install: no administrator rights, files under %LOCALAPPDATA%\Programs\ccm-desktop,
; a start-menu entry, and an uninstaller in "Apps and features". Reports stay in the user's data
; folder (platformdirs), which the uninstaller leaves alone.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6B2F7C1E-3A5D-4E8B-9C0F-CC3A7D2E1B45}
AppName=CCM Article 7 reports
AppVersion={#AppVersion}
AppPublisher=ccm-desktop
AppVerName=CCM Article 7 reports {#AppVersion}
DefaultDirName={autopf}\ccm-desktop
DefaultGroupName=CCM Article 7 reports
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=ccm-desktop-{#AppVersion}-windows-setup
SetupIconFile=..\..\build\bundle\ccm-desktop\icons\ccm-desktop.ico
UninstallDisplayIcon={app}\ccm-desktop-window.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "russian"; MessagesFile: "compiler:Languages\Russian.isl"
Name: "arabic"; MessagesFile: "compiler:Languages\Arabic.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\ccm-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\CCM Article 7 reports"; Filename: "{app}\ccm-desktop-window.exe"
Name: "{group}\{cm:UninstallProgram,CCM Article 7 reports}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\CCM Article 7 reports"; Filename: "{app}\ccm-desktop-window.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\ccm-desktop-window.exe"; Description: "{cm:LaunchProgram,CCM Article 7 reports}"; Flags: nowait postinstall skipifsilent
