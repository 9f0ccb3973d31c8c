; Writes the center's update server into the installed app-update.yml.
; Install with: Yichuang-Setup.exe /UPDATE_URL=https://updates.example.internal/yichuang/
!macro customInstall
  ${GetParameters} $R0
  ${GetOptions} $R0 "/UPDATE_URL=" $R1
  ${If} $R1 != ""
    FileOpen $0 "$INSTDIR\resources\app-update.yml" w
    FileWrite $0 "provider: generic$\r$\nurl: $R1$\r$\nchannel: latest$\r$\n"
    FileClose $0
  ${EndIf}
!macroend
