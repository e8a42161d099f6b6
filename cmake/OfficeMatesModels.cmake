# Recognition models, built from packages as part of ALL (DESIGN.md section 4):
#  - dlib_face_recognition_resnet_model_v1.dat converted from the weights that
#    the npm package @vladmandic/face-api ships (officemates-vision model convert);
#  - shape_predictor_68_face_landmarks.dat copied from Debian's libdlib-data.
# Both land in ${OFFICEMATES_DATA_DIR}/models, where paths::model_dir() finds
# them from build/<preset>/bin, and are installed beside the executables.
set(OM_MODEL_DIR ${OFFICEMATES_DATA_DIR}/models)
set(OM_FACEAPI_MODEL ${CMAKE_SOURCE_DIR}/node_modules/@vladmandic/face-api/model)
find_file(OM_SHAPE_PREDICTOR shape_predictor_68_face_landmarks.dat PATHS /usr/share/dlib NO_DEFAULT_PATH)

set(om_model_outputs)
if(EXISTS ${OM_FACEAPI_MODEL}/face_recognition_model.bin)
  add_custom_command(
    OUTPUT ${OM_MODEL_DIR}/dlib_face_recognition_resnet_model_v1.dat
    COMMAND officemates-vision model convert
            --manifest ${OM_FACEAPI_MODEL}/face_recognition_model-weights_manifest.json
            --weights ${OM_FACEAPI_MODEL}/face_recognition_model.bin
            --out ${OM_MODEL_DIR}/dlib_face_recognition_resnet_model_v1.dat
    DEPENDS officemates-vision ${OM_FACEAPI_MODEL}/face_recognition_model.bin
            ${OM_FACEAPI_MODEL}/face_recognition_model-weights_manifest.json
    COMMENT "Converting face-api recognition weights to a dlib model"
    VERBATIM)
  list(APPEND om_model_outputs ${OM_MODEL_DIR}/dlib_face_recognition_resnet_model_v1.dat)
else()
  message(WARNING "node_modules/@vladmandic/face-api missing (run scripts/setup): no recognition model will be built")
endif()
if(OM_SHAPE_PREDICTOR)
  add_custom_command(
    OUTPUT ${OM_MODEL_DIR}/shape_predictor_68_face_landmarks.dat
    COMMAND ${CMAKE_COMMAND} -E make_directory ${OM_MODEL_DIR}
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OM_SHAPE_PREDICTOR} ${OM_MODEL_DIR}/
    DEPENDS ${OM_SHAPE_PREDICTOR}
    COMMENT "Copying the 68-point shape predictor from libdlib-data"
    VERBATIM)
  list(APPEND om_model_outputs ${OM_MODEL_DIR}/shape_predictor_68_face_landmarks.dat)
else()
  message(WARNING "libdlib-data's shape_predictor_68_face_landmarks.dat not found (run scripts/setup)")
endif()
add_custom_target(officemates-models ALL DEPENDS ${om_model_outputs})
install(FILES ${om_model_outputs} DESTINATION share/officemates/models OPTIONAL)
